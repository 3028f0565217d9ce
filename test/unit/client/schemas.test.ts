import { responseSchemas } from "../../../provider/client/schemas";

const image = (imageSize: unknown) => ({
  requestId: "T1", totalCount: 1,
  dataSet: [{ imageId: "img-1", imageName: "Ubuntu 22.04", imageType: "PUBLIC_IMAGE", osType: "linux", category: "Ubuntu", imageStatus: "AVAILABLE", imageSize }],
});

describe("response schemas where Zenlayer's own sources disagree", () => {
  it.each([
    ["a numeric string, as Zenlayer's SDK types it", "20", 20],
    ["a number, as the documentation shows it", 20, 20],
    ["a fractional string", " 2.5 ", 2.5],
    ["null", null, undefined],
    ["an empty string", "", undefined],
    ["text that is not a number", "20GB", undefined],
  ])("reads imageSize given as %s", (_label, imageSize, expected) => {
    const parsed = responseSchemas.DescribeImages.parse(image(imageSize));
    expect(parsed.dataSet[0]?.imageSize).toBe(expected);
  });

  it("still rejects an image without its id", () => {
    expect(responseSchemas.DescribeImages.safeParse({ requestId: "T1", totalCount: 1, dataSet: [{ imageName: "x", imageSize: "20" }] }).success).toBe(false);
  });
});
