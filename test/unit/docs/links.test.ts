/**
 * Every relative link in the README, the pages under docs/ and the simulator's README leads
 * somewhere: the file or folder exists, and a `#fragment` names a heading of the Markdown page it
 * points into (or of the same page).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { headingAnchors, relativeLinks } from "../../../scripts/docs/links";

const ROOT = join(__dirname, "..", "..", "..");

function markdownUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return markdownUnder(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

const PAGES = ["README.md", "simulator/README.md", ...markdownUnder("docs")];

/** The broken links of `page`, one line each: where, the target, and what is wrong. */
function brokenLinks(page: string): string[] {
  return relativeLinks(readFileSync(join(ROOT, page), "utf8")).flatMap(({ target, line }) => {
    const [file = "", fragment] = target.split("#");
    const path = file === "" ? join(ROOT, page) : join(ROOT, dirname(page), decodeURI(file));
    const where = `${page}:${line}: ${target}`;
    if (!existsSync(path)) return [`${where}: ${relative(ROOT, path)} does not exist`];
    if (fragment === undefined) return [];
    if (statSync(path).isDirectory() || !path.endsWith(".md")) return [`${where}: a #fragment needs a Markdown page`];
    return headingAnchors(readFileSync(path, "utf8")).has(decodeURIComponent(fragment)) ? [] : [`${where}: no heading with that anchor`];
  });
}

test("the docs are found: the README, the registry's two pages and the reference pages", () => {
  expect(PAGES).toEqual(expect.arrayContaining([
    "docs/_index.md", "docs/installation-configuration.md", "docs/reference/instance.md", "docs/reference/functions.md",
  ]));
});

test.each(PAGES)("every relative link in %s resolves", (page) => {
  expect(brokenLinks(page)).toEqual([]);
});

test("the pages the Pulumi registry ingests carry its front matter", () => {
  for (const page of ["docs/_index.md", "docs/installation-configuration.md"]) {
    const front = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(join(ROOT, page), "utf8"))?.[1] ?? "";
    expect(front).toMatch(/^title: \S/m);
    expect(front).toMatch(/^meta_desc: \S/m);
    expect(front).toMatch(/^layout: package$/m);
  }
});

test("the README stays short: at most 300 lines", () => {
  expect(readFileSync(join(ROOT, "README.md"), "utf8").split("\n").length).toBeLessThanOrEqual(301);
});

describe("the link and anchor parsers", () => {
  test("links in code are not links; URLs with a scheme are not relative", () => {
    const page = "see [a](a.md#x) and ![b](b.svg)\n`[c](c.md)`\n```\n[d](d.md)\n```\n[e](https://x.test/e) [f](mailto:f@x.test)";
    expect(relativeLinks(page)).toEqual([{ target: "a.md#x", line: 1 }, { target: "b.svg", line: 1 }]);
  });

  test("anchors follow GitHub: lower case, punctuation dropped, spaces to dashes, repeats numbered", () => {
    const anchors = headingAnchors("# After an interrupted `pulumi up`\n## Existing instances: adoption instead of import\n" +
      "## Fidelity to Zenlayer's own clients\n### Read (`pulumi refresh`)\n## Notes\n## Notes\n```\n# not a heading\n```");
    expect([...anchors]).toEqual([
      "after-an-interrupted-pulumi-up", "existing-instances-adoption-instead-of-import", "fidelity-to-zenlayers-own-clients",
      "read-pulumi-refresh", "notes", "notes-1",
    ]);
  });
});
