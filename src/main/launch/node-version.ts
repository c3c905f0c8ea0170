/**
 * The app stores everything with `node:sqlite`, which older Node versions do not have: without
 * this check they stop with a bare ERR_UNKNOWN_BUILTIN_MODULE. Kept free of imports so the
 * launchers can run it before anything else loads.
 */
export const NODE_MAJOR_NEEDED = 24;

export interface RuntimeVersions {
  node: string;
  /** Present when running inside Electron, whose Node is bundled with it. */
  electron?: string;
}

/** One sentence saying which version is needed and how to get it, or null when this one will do. */
export function nodeVersionProblem(versions: RuntimeVersions): string | null {
  const major = Number.parseInt(versions.node, 10);
  if (Number.isInteger(major) && major >= NODE_MAJOR_NEEDED) return null;
  if (versions.electron !== undefined) {
    return (
      `SMS Desk needs Electron with Node.js ${NODE_MAJOR_NEEDED} or newer, but Electron ${versions.electron} has Node.js ${versions.node}: ` +
      'run "npm install" in the SMS Desk folder to get the Electron it is built for, then try again.'
    );
  }
  return (
    `SMS Desk needs Node.js ${NODE_MAJOR_NEEDED} or newer, but this is Node.js ${versions.node}: ` +
    `install Node.js ${NODE_MAJOR_NEEDED} from https://nodejs.org (or run "nvm install" in the SMS Desk folder), then try again.`
  );
}
