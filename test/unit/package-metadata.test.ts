import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageSchema, PLUGIN_DOWNLOAD_URL } from "../../provider/plugin/schema";

const root = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, unknown>;

describe("package metadata", () => {
  it("ships the Apache-2.0 license text its license field names", () => {
    expect(pkg.license).toBe("Apache-2.0");
    const text = readFileSync(join(root, "LICENSE"), "utf8");
    expect(text).toContain("Apache License\n                           Version 2.0, January 2004");
    expect(text).toContain("END OF TERMS AND CONDITIONS");
  });

  it("points the npm page at the repository, so the README's relative links resolve", () => {
    expect(pkg.repository).toEqual({ type: "git", url: expect.stringMatching(/^git\+https:\/\/.+\.git$/) });
    expect(pkg.homepage).toMatch(/^https:\/\/.+#readme$/);
    expect(pkg.bugs).toEqual({ url: expect.stringMatching(/^https:\/\/.+\/issues$/) });
  });

  it("gives the plugin's package schema, which names the generated SDKs, the same repository and homepage", () => {
    const schema = packageSchema("0.0.0") as { repository?: string; homepage?: string };
    const repository = (pkg.repository as { url: string }).url.replace(/^git\+/, "").replace(/\.git$/, "");
    expect({ repository: schema.repository, homepage: schema.homepage }).toEqual({ repository, homepage: pkg.homepage });
  });

  it("has the engine download the plugin from package.json's repository's GitHub releases", () => {
    const [, owner, repo] = /^git\+https:\/\/github\.com\/([^/]+)\/([^/]+)\.git$/.exec((pkg.repository as { url: string }).url) ?? [];
    expect(owner && repo).toBeTruthy();
    expect(PLUGIN_DOWNLOAD_URL).toBe(`github://api.github.com/${owner}/${repo}`);
    expect((packageSchema("0.0.0") as { pluginDownloadURL?: string }).pluginDownloadURL).toBe(PLUGIN_DOWNLOAD_URL);
  });
});
