import ignore from 'ignore';

/**
 * Which paths below the two roots a sync looks at, from gitignore-style patterns (the `ignore`
 * package: the matcher eslint uses, with gitignore's own rules for "/", "**" and "!").
 * `exclude` drops paths; a non-empty `include` keeps only the paths it matches, and exclude still wins.
 */
export interface PathFilter {
  /** Whether a file ("a/b.txt") is compared. */
  keeps(path: string): boolean;
  /** Whether a folder ("a/b/") is walked into at all: an excluded folder's files never are. */
  enters(folder: string): boolean;
}

export function pathFilter(exclude: readonly string[], include: readonly string[]): PathFilter {
  const excluded = ignore().add([...exclude]);
  const included = include.length ? ignore().add([...include]) : undefined;
  return {
    keeps: (path) => !excluded.ignores(path) && (!included || included.ignores(path)),
    enters: (folder) => !excluded.ignores(folder.endsWith('/') ? folder : `${folder}/`),
  };
}
