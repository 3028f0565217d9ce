/**
 * The relative links of a Markdown page, and the anchors GitHub gives a page's headings, so a test
 * can tell that every link in the docs leads somewhere.
 */

/** A link of a page: its target as written and the 1-based line it is on. */
export interface PageLink { target: string; line: number }

/** The lines of `markdown` outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): { text: string; line: number }[] {
  let fenced = false;
  return markdown.split("\n").flatMap((text, index) => {
    if (/^\s*(```|~~~)/.test(text)) {
      fenced = !fenced;
      return [];
    }
    return fenced ? [] : [{ text: text.replace(/`[^`]*`/g, ""), line: index + 1 }];
  });
}

/** Every `[text](target)` and `![alt](target)` whose target is not a URL with a scheme. */
export function relativeLinks(markdown: string): PageLink[] {
  return proseLines(markdown).flatMap(({ text, line }) =>
    [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
      .map((match) => match[1] ?? "")
      .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
      .map((target) => ({ target, line })));
}

/**
 * The anchors GitHub makes of a page's headings: the text lower-cased, without Markdown emphasis
 * and code marks, every character other than a letter, digit, space, `-` or `_` dropped, spaces
 * made `-`; a repeated anchor gets `-1`, `-2`, ….
 */
export function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const text of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!heading) continue;
    const base = (heading[1] ?? "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}
