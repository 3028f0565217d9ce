import { checkInputs } from "../../../provider/lifecycle/inputs/check";
import { ownerTagValue } from "../../../provider/lifecycle/inputs/owner";
import { UNKNOWN } from "../../../provider/lifecycle/constants";
import { tagProblem } from "../../../facts/rules";

const base = { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", keyId: "key-1", __resourceName: "web" };

describe("the owner tag's value", () => {
  it("keeps an identity of up to 64 characters as it is", () => {
    expect(ownerTagValue("proj/dev/web")).toBe("proj/dev/web");
    const exactly64 = `p/s/${"n".repeat(60)}`;
    expect(ownerTagValue(exactly64)).toBe(exactly64);
  });

  it("shortens a longer one to 64 characters, stable and distinct per resource, and leaves a shortened one alone", () => {
    const identity = `proj/dev/web-${"x".repeat(80)}`;
    const owner = ownerTagValue(identity);
    expect(owner).toHaveLength(64);
    expect(owner).toMatch(/^proj\/dev\/web-x+~[0-9a-f]{12}$/);
    expect(tagProblem("pulumi-owner", owner)).toBeUndefined();
    expect(ownerTagValue(identity)).toBe(owner);
    expect(ownerTagValue(`${identity}y`)).not.toBe(owner);
    expect(ownerTagValue(owner)).toBe(owner);
  });

  it("is what check records, whichever front-end handed the identity", () => {
    const identity = `shop/prod/${"a-very-long-yaml-resource-name-".repeat(3)}`;
    expect(checkInputs({}, { ...base, __owner: identity }).inputs?.__owner).toBe(ownerTagValue(identity));
    expect(checkInputs({}, { ...base, __owner: "shop/prod/web" }).inputs?.__owner).toBe("shop/prod/web");
    expect(checkInputs({}, { ...base, __owner: UNKNOWN }).inputs?.__owner).toBe(UNKNOWN);
  });
});
