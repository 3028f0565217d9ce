import { executableName, hostPlatform, PLATFORMS, platformId, pluginArchiveName, selectPlatforms } from "../../../scripts/release/platforms";

describe("release platforms", () => {
  it("covers the five platforms in Pulumi's os-arch names", () => {
    expect(PLATFORMS.map(platformId)).toEqual(["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"]);
  });

  it("names archives and executables as the engine requests and starts them", () => {
    expect(pluginArchiveName("1.2.3", { os: "linux", arch: "arm64" })).toBe("pulumi-resource-zenlayer-v1.2.3-linux-arm64.tar.gz");
    expect(executableName({ os: "windows" })).toBe("pulumi-resource-zenlayer.exe");
    expect(executableName({ os: "darwin" })).toBe("pulumi-resource-zenlayer");
  });

  it("selects every platform by default, named ones and the host on request, and refuses an unknown one", () => {
    expect(selectPlatforms(undefined)).toEqual(PLATFORMS);
    expect(selectPlatforms("windows-amd64, linux-amd64").map(platformId)).toEqual(["windows-amd64", "linux-amd64"]);
    expect(hostPlatform()).toBeDefined();
    expect(selectPlatforms("host")).toEqual([hostPlatform()]);
    expect(() => selectPlatforms("linux-386")).toThrow(/unknown platform "linux-386": choose from linux-amd64, linux-arm64/);
  });
});
