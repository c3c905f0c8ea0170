/** A file the person chose with the desktop's own Open dialog, read as text. */
export interface PickedFile {
  fileName: string;
  text: string;
}

/**
 * The desktop's Open dialog, for hosts that have one (Electron). Browser mode has none: its page
 * reads the file itself and sends it in pieces.
 */
export interface FilePicker {
  /** Null when the person closed the dialog without choosing. Throws a plain-words Error when the file cannot be used. */
  pickCsv(): Promise<PickedFile | null>;
}
