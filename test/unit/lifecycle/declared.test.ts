import { declaredPaths, recordedPaths, recordingDeclared, valuesAt } from "../../../provider/lifecycle/operations/declared";

describe("the declared inputs' paths", () => {
  const inputs = {
    zoneId: "SEL-A", instanceType: "c.1c2g", password: "Abcdef1!x", systemDisk: { diskSize: 40 }, tags: { app: "web" },
    timeouts: { create: "90m" }, __owner: "p/s/web", __provider: "exports.handler = …", subnetId: undefined,
  };

  it("names each declared input, the system disk by field, never the engine's bookkeeping", () => {
    expect(declaredPaths(inputs)).toEqual(["__owner", "instanceType", "password", "systemDisk.diskSize", "tags", "timeouts", "zoneId"]);
  });

  it("records names only, so no value (secret or not) is copied", () => {
    const recorded = recordingDeclared({ instanceId: "ins-1" }, declaredPaths(inputs));
    expect(JSON.stringify(recorded)).not.toContain("Abcdef1!x");
    expect(recordedPaths(recorded)).toEqual(declaredPaths(inputs));
    expect(recordedPaths({ instanceId: "ins-1" })).toBeUndefined();
  });

  it("reads the inputs back from refreshed outputs: declared fields only, live values", () => {
    const outputs = {
      zoneId: "SEL-A", instanceType: "c.2c4g", password: "Abcdef1!x", resourceGroupId: "rg-default", tags: { app: "api" },
      systemDisk: { diskId: "disk-1", diskSize: 40, diskCategory: "cloud_ssd" }, timeouts: { create: "90m" }, __owner: "p/s/web",
      instanceId: "ins-1",
    };
    expect(valuesAt(outputs, declaredPaths(inputs))).toEqual({
      zoneId: "SEL-A", instanceType: "c.2c4g", password: "Abcdef1!x", systemDisk: { diskSize: 40 }, tags: { app: "api" },
      timeouts: { create: "90m" }, __owner: "p/s/web",
    });
  });
});
