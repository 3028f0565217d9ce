/**
 * The lookups against the simulator, configured as a user with Zenlayer's Terraform settings
 * would: `HTTP` in upper case, from stack config and from the environment alike.
 */
import * as pulumi from "@pulumi/pulumi";
import { IMAGES, startSimulator, type RunningSimulator } from "../../../simulator";
import { getImage, getImages } from "../../../sdk";

let sim: RunningSimulator;
const ubuntu = IMAGES.find((image) => image.imageName.startsWith("Ubuntu 22"))!;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  pulumi.runtime.setAllConfig({});
  await sim.stop();
});

describe("lookups", () => {
  it("read the scheme `HTTP` from stack config instead of falling back to https", async () => {
    pulumi.runtime.setAllConfig({
      "zenlayer:scheme": "HTTP",
      "zenlayer:domain": sim.domain,
      "zenlayer:accessKeyId": sim.accessKeyId,
      "zenlayer:accessKeyPassword": sim.accessKeyPassword,
    });
    const image = await getImage({ zoneId: "SEL-A", nameRegex: "^ubuntu 22" });
    expect(image.imageId).toBe(ubuntu.imageId);
    // The wire sends "20", as Zenlayer's SDK types it; the lookup returns a number.
    expect(image.imageSize).toBe(ubuntu.imageSize);
  });

  it("name the scheme when it is neither http nor https", async () => {
    pulumi.runtime.setAllConfig({ "zenlayer:scheme": "ftp", "zenlayer:accessKeyId": "id", "zenlayer:accessKeyPassword": "pw" });
    await expect(getImages({})).rejects.toThrow(/Invalid Zenlayer scheme "ftp"/);
  });

  it("take osType and category in any case", async () => {
    pulumi.runtime.setAllConfig({});
    const options = { scheme: "HTTP", domain: sim.domain, accessKeyId: sim.accessKeyId, accessKeyPassword: sim.accessKeyPassword };
    const windows = await getImages({ osType: "Windows", category: "WINDOWS" }, options);
    expect(windows.map((image) => image.category)).toEqual(["Windows"]);
  });
});
