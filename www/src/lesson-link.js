// Lesson links: `#learn/ID` opens learn mode (learn.js) on lesson ID.

/** The id in a `#learn/ID` fragment, or null. */
export function lessonIdOf(fragment) {
  const m = /^#?learn\/([a-z0-9-]+)$/.exec(fragment || '');
  return m ? m[1] : null;
}
