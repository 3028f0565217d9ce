import { PASSWORD_RULE, passwordProblems, sameOsType, tagProblem, TAG_RULE } from "../../../facts/rules";
import { checkInputs } from "../../../provider/lifecycle/inputs/check";
import { checkPassword, readTags } from "../../../simulator/model/rules";

/** The provider's check failures for an otherwise valid instance with `password` (and `extra`). */
function validateInputs(password: string, extra: Record<string, unknown> = {}): string[] {
  const { failures } = checkInputs({}, { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", password, ...extra });
  return (failures ?? []).map((f) => `${f.property}: ${f.reason}`);
}

describe("the password rule (one rule for the provider's check and the simulator)", () => {
  const valid = ["Passw0rd!", "aB3~aaaa", "Zz9(zzzzzzzzzzzz", "Passw0rd`"];
  const invalid: [string, RegExp][] = [
    ["Pa0!", /8 to 16 characters long \(it has 4\)/],
    ["Passw0rd!Passw0rd!", /8 to 16/],
    ["passw0rd!", /upper-case/],
    ["PASSW0RD!", /lower-case/],
    ["Password!", /digit/],
    ["Passw0rdx", /contain one of/],
    ["Passw0rd!?", /use only letters, digits and/],
    ["Passw0rd!é", /use only letters, digits and/],
  ];

  it.each(valid)("accepts %s on both sides", (password) => {
    expect(passwordProblems(password)).toEqual([]);
    expect(() => checkPassword(password)).not.toThrow();
    expect(validateInputs(password)).toEqual([]);
  });

  it.each(invalid)("rejects %s on both sides (%s)", (password, why) => {
    expect(passwordProblems(password).join(", ")).toMatch(why);
    expect(() => checkPassword(password)).toThrow(why);
    expect(validateInputs(password).join(", ")).toMatch(new RegExp(`^password: .*${why.source}`));
  });

  it("lists the backtick among the specials, as Zenlayer's ResetInstance page does", () => {
    expect(PASSWORD_RULE.specials).toContain("`");
  });

  it("counts characters, not UTF-16 units, and never quotes the password", () => {
    const password = "Ab1!😀😀😀";
    expect(passwordProblems(password).join(" ")).toContain("(it has 7)");
    expect(passwordProblems(password).join(" ")).not.toContain("😀");
  });
});

describe("tags", () => {
  it("allows key and value of 1 to 64 characters", () => {
    expect(tagProblem("k".repeat(64), "v".repeat(64))).toBeUndefined();
    expect(tagProblem("k".repeat(65), "v")).toMatch(/key of 1 to 64/);
    expect(tagProblem("", "v")).toMatch(/key of 1 to 64/);
    expect(tagProblem("k", "v".repeat(65))).toMatch(/value of 1 to 64/);
    expect(tagProblem("k", "")).toMatch(/value of 1 to 64/);
  });

  it("is enforced by the provider's check, naming the field", () => {
    expect(validateInputs("Passw0rd!", { tags: { app: "web", ["k".repeat(64)]: "v".repeat(64) } })).toEqual([]);
    expect(validateInputs("Passw0rd!", { tags: { ["k".repeat(65)]: "v" } })).toEqual(["tags: tags must have a key of 1 to 64 characters"]);
    expect(validateInputs("Passw0rd!", { tags: { app: "" } })).toEqual(['tags: tags must have a value of 1 to 64 characters (key "app")']);
    expect(validateInputs("Passw0rd!", { tags: { " ": "v" } })).toEqual(["tags: tags must have non-empty keys"]);
  });

  it("is enforced by the simulator on CreateInstances, and empty values still filter by key", () => {
    expect(() => readTags({ tags: { tags: [{ key: "a", value: "v".repeat(65) }] } })).toThrow(/value of 1 to 64/);
    expect(() => readTags({ tags: { tags: [{ key: "a" }] } })).toThrow(/value of 1 to 64/);
    expect(readTags({ tags: [{ key: "a", value: "" }] }, "tags", true)).toEqual([{ key: "a", value: "" }]);
    const many = Array.from({ length: TAG_RULE.maxTags + 1 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    expect(() => readTags({ tags: { tags: many } })).toThrow(/at most 50/);
  });
});

describe("osType", () => {
  it("matches either spelling Zenlayer's sources use", () => {
    expect(sameOsType("Linux", "linux")).toBe(true);
    expect(sameOsType("WINDOWS", "windows")).toBe(true);
    expect(sameOsType("linux", "windows")).toBe(false);
    expect(sameOsType(undefined, "linux")).toBe(false);
  });
});
