import { useEffect } from 'react';
import { Dialog, Heading, Modal } from 'react-aria-components';
import { keysLabel, shortcutFor, shortcuts, type DesktopAction } from '../../../../shared/desktop/shortcuts';
import { useLock } from '../../api/queries';
import { useUi } from '../../stores/ui-store';
import { useDesktopActions } from './desktop-action-store';

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** A text box, a list to pick from or anything editable has the focus: `?` is then typed, not a shortcut. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The desk's shortcuts while someone is signed in: the keys (the same in the desktop app and in
 * browser mode) and what the tray and the menu ask for both go through useDesktopActions.
 */
export function useShortcuts(): void {
  const setArea = useUi((state) => state.setArea);
  const lock = useLock();
  const { asked, ask, setSheetOpen } = useDesktopActions();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const action = shortcutFor(event, isMac(), typingIn(event.target));
      if (!action) return;
      event.preventDefault();
      ask(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ask]);

  useEffect(() => {
    if (!asked) return;
    const run: Record<DesktopAction, () => void> = {
      compose: () => setArea('Compose'),
      messenger: () => setArea('Messenger Center'),
      lock: () => lock.mutate(undefined),
      shortcuts: () => setSheetOpen(true),
    };
    if (asked.action !== 'shortcuts') setSheetOpen(false);
    run[asked.action]();
    // Only a new request runs an action; the mutation object changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asked]);
}

/** The sheet listing every shortcut with its keys on this computer (Ctrl or ⌘). */
export function ShortcutsSheet() {
  const { sheetOpen, setSheetOpen } = useDesktopActions();
  const mac = isMac();
  return (
    <Modal isOpen={sheetOpen} isDismissable onOpenChange={setSheetOpen} className="modal">
      <Dialog className="dialog shortcuts-sheet">
        <Heading slot="title">Keyboard shortcuts</Heading>
        <table>
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Press</th>
            </tr>
          </thead>
          <tbody>
            {shortcuts.map((shortcut) => (
              <tr key={shortcut.action}>
                <td>{shortcut.label}</td>
                <td>
                  <kbd>{keysLabel(shortcut.accelerator, mac)}</kbd>
                  {shortcut.alsoKey ? (
                    <>
                      {' or '}
                      <kbd>{shortcut.alsoKey}</kbd>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row">
          <button type="button" onClick={() => setSheetOpen(false)} autoFocus>
            Close
          </button>
        </div>
      </Dialog>
    </Modal>
  );
}
