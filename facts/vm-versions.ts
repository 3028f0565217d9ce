/**
 * The two live versions of the VM API and what separates them, as Zenlayer's Go SDK shows it
 * (packages `vm20230313` and `vm20260401`, and the CLI's action descriptions, which speak
 * 2026-04-01). The response fields of each version are in response-fields.ts, where a field that
 * one version lacks says so; this module holds the rest: which actions, which request
 * parameters, and how each version types a scalar. Plain data, no imports.
 */

export const VM_API_VERSIONS = ["2023-03-13", "2026-04-01"] as const;
export type VmApiVersion = (typeof VM_API_VERSIONS)[number];

/**
 * Actions the simulator serves in one version only (the SDK of the other version has no such
 * action); every other simulated action exists in both. In the other version they answer as an
 * unknown action does.
 */
export const VERSION_ONLY_ACTIONS: Readonly<Record<string, VmApiVersion>> = {
  DescribeVncUrl: "2026-04-01",
};

/**
 * Request parameters of simulated actions that only one version's SDK has, as dotted paths
 * (`dataDisks[].diskAmount`). Sent in the other version, they are refused as an invalid parameter
 * rather than ignored: a caller on the older version would otherwise believe it took effect.
 */
export const VERSION_ONLY_REQUEST_PARAMETERS: Readonly<Record<VmApiVersion, Readonly<Record<string, readonly string[]>>>> = {
  "2023-03-13": {},
  "2026-04-01": {
    CreateInstances: ["cidrBlockId", "startCidrIpv4", "instanceChargePostpaid", "dataDisks[].diskAmount"],
    InquiryPriceCreateInstance: ["instanceCount", "instanceChargePostpaid", "dataDisks[].diskAmount"],
    ResetInstance: ["instanceName", "initScript"],
  },
};

/**
 * How a version's SDK types scalar response fields: 2023-03-13 declares most as plain values
 * (`string`, `int`), which cannot be null; 2026-04-01 declares every one a pointer (`*string`,
 * `*int`), so each may be null.
 */
export const SCALARS_ARE_POINTERS: Readonly<Record<VmApiVersion, boolean>> = {
  "2023-03-13": false,
  "2026-04-01": true,
};
