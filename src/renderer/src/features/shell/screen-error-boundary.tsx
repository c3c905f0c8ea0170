import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What failed, in the desk's words: "This screen", "This conversation". */
  what: string;
  /** What the desk can do about it; by default, try again or go elsewhere. */
  hint?: string;
  /** Runs before the screen is shown again, e.g. to fetch its data afresh. */
  onRetry?: () => void;
  children: ReactNode;
}

interface State {
  failed: boolean;
}

/**
 * Keeps a failure where it happened. Without it, one value a screen cannot draw (a bad date in
 * one row) unmounts the whole app and leaves every staff member a blank window. With it, that
 * screen says so calmly and offers to try again, while the navigation and the rest keep working.
 */
export class ScreenErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever looks at the console; the screen itself shows no technical detail.
    console.error('A screen could not be shown', error, info.componentStack);
  }

  private readonly retry = () => {
    this.props.onRetry?.();
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice error stack" role="alert">
        <p>
          <strong>{this.props.what} could not be shown.</strong> Nothing was changed or lost.{' '}
          {this.props.hint ?? 'You can try again, or go to another part of SMS Desk.'}
        </p>
        <div className="row">
          <button type="button" onClick={this.retry}>
            Try again
          </button>
        </div>
      </div>
    );
  }
}
