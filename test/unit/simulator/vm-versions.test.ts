import { RESPONSE_FIELDS, RESPONSE_FIELDS_BY_VERSION } from "../../../facts/response-fields";
import { VERSION_ONLY_ACTIONS, VERSION_ONLY_REQUEST_PARAMETERS, VM_API_VERSIONS } from "../../../facts/vm-versions";
import { ACTION_NAMES } from "../../../simulator/actions";
import { findServiceAction, SERVICES, vmActionNames } from "../../../simulator/http/services";
import { presentVmAnswer, refuseOtherVersionParameters } from "../../../simulator/protocol/vm-versions";

const vm = SERVICES.vm!;
const version = (name: string) => vm.versions[name]!;

describe("the actions of each VM API version", () => {
  it("are the simulated actions less those only the other version has", () => {
    expect(vmActionNames("2023-03-13")).toEqual(ACTION_NAMES.filter((a) => a !== "DescribeVncUrl"));
    expect(vmActionNames("2026-04-01")).toEqual([...ACTION_NAMES]);
    for (const v of VM_API_VERSIONS) expect(vmActionNames(v).sort()).toEqual(Object.keys(RESPONSE_FIELDS_BY_VERSION[v]).sort());
  });

  it("find no handler for an action of the other version, exactly as for an action nobody has", () => {
    const [action, only] = Object.entries(VERSION_ONLY_ACTIONS)[0]!;
    const other = VM_API_VERSIONS.find((v) => v !== only)!;
    expect(findServiceAction(vm, version(only), action)).toBe(vm.actions[action]);
    expect(findServiceAction(vm, version(other), action)).toBeUndefined();
    expect(findServiceAction(vm, version(other), "NoSuchAction")).toBeUndefined();
    expect(findServiceAction(vm, version(other), "toString")).toBeUndefined();
  });
});

describe("request parameters of one version only", () => {
  it("are refused in the other version with INVALID_PARAMETER_VALUE naming both versions", () => {
    expect(() => refuseOtherVersionParameters("2023-03-13", "ResetInstance", { instanceId: "ins-1", instanceName: "x" }))
      .toThrow(/`instanceName` is a parameter of ResetInstance in VM API 2026-04-01, not in 2023-03-13/);
    expect(() => refuseOtherVersionParameters("2023-03-13", "CreateInstances", { dataDisks: [{ diskSize: 20 }, { diskSize: 30, diskAmount: 2 }] }))
      .toThrow(/`dataDisks\[\]\.diskAmount` is a parameter of CreateInstances in VM API 2026-04-01/);
    expect(() => refuseOtherVersionParameters("2023-03-13", "InquiryPriceCreateInstance", { instanceCount: 2 })).toThrow(/instanceCount/);
  });

  it("are accepted in their own version, and absent, null or empty counts as not sent", () => {
    for (const [action, paths] of Object.entries(VERSION_ONLY_REQUEST_PARAMETERS["2026-04-01"])) {
      const params = Object.fromEntries(paths.filter((p) => !p.includes(".")).map((p) => [p, "x"]));
      expect(() => refuseOtherVersionParameters("2026-04-01", action, params)).not.toThrow();
    }
    expect(() => refuseOtherVersionParameters("2023-03-13", "ResetInstance", { instanceName: null, initScript: "" })).not.toThrow();
    expect(() => refuseOtherVersionParameters("2023-03-13", "CreateInstances", { dataDisks: [{ diskSize: 20 }] })).not.toThrow();
  });
});

describe("the answer's shape per version", () => {
  const created = { instanceIdSet: ["ins-1"], orderNumber: "1", instances: [{ instanceId: "ins-1", diskIdSet: [] }] };

  it("leaves out what only the other version has, nested fields included", () => {
    expect(presentVmAnswer("2023-03-13", "CreateInstances", created)).toEqual({ instanceIdSet: ["ins-1"], orderNumber: "1" });
    expect(presentVmAnswer("2026-04-01", "CreateInstances", created)).toEqual(created);
    const price = { discount: 90, unitPrice: 1, amountUnit: "Mbps", category: "STANDARD" };
    expect(presentVmAnswer("2023-03-13", "InquiryPriceInstanceBandwidth", { bandwidthPrice: [price] })).toEqual({ bandwidthPrice: [{ discount: 90, unitPrice: 1 }] });
  });

  it("keeps a field the facts do not know, so that the contract test sees it", () => {
    expect(presentVmAnswer("2023-03-13", "DescribeZones", { zoneSet: [], surprise: 1 })).toEqual({ zoneSet: [], surprise: 1 });
  });

  it("types every scalar as a pointer in 2026-04-01 and as the base table says in 2023-03-13", () => {
    expect(RESPONSE_FIELDS_BY_VERSION["2023-03-13"].DescribeZones).not.toHaveProperty("zoneSet.type.listOfObjects.networkLineType");
    expect(RESPONSE_FIELDS_BY_VERSION["2026-04-01"].DescribeInstancesStatus!.totalCount).toEqual({ type: "integer", nullable: true });
    expect(RESPONSE_FIELDS_BY_VERSION["2023-03-13"].DescribeInstancesStatus).toEqual(RESPONSE_FIELDS.DescribeInstancesStatus);
  });
});
