import { lazy, type ComponentType } from 'react';

/**
 * A screen whose code is fetched the first time it is shown, so the desk's first screen loads
 * only what Compose needs. React.lazy keeps a failed fetch for good; here a failure is forgotten,
 * so the screen's "Try again" fetches afresh (say, after a network hiccup in the browser).
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const fresh = () =>
    lazy(() =>
      load().then(
        (Component) => ({ default: Component }),
        (error: unknown) => {
          current = fresh();
          throw error;
        },
      ),
    );
  let current = fresh();
  return function LazyScreen(props: P) {
    const Screen = current;
    return <Screen {...props} />;
  };
}
