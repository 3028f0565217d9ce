/**
 * What each input means, what it defaults to and what a change of it does, by property path
 * (`systemDisk.diskSize`, `dataDisks[].diskName`): the one source of the package schema's
 * descriptions (plugin/schema.ts, and so every generated SDK) and of the table of inputs in
 * docs/reference/instance.md (`npm run docs`). Field names are CreateInstances' own, so Zenlayer's
 * documentation carries over.
 *
 * Plain data. The rules themselves live elsewhere and are not restated: defaults and limits are
 * read from the modules that apply them; whether an input replaces the instance is diff.ts's
 * decision, and a unit test holds every `change` here to it.
 */
import { INSTANCE_NAME_RULE, INTERNET_CHARGE_TYPES, PASSWORD_RULE, REQUEST_LIMITS, TAG_RULE } from "../../../facts/rules";
import { OWNER_TAG_KEY, STACK_TAG_KEY } from "../constants";
import { DEFAULT_TIMEOUTS, INPUT_DEFAULTS } from "./defaults";
import { MAX_TIMEOUT } from "./durations";
import { NAME_SUFFIX_LENGTH } from "./naming";

/** What an update does when the input changes (only top-level inputs have one). */
export type InputChange =
  /** A new instance (deleted first). */
  | { kind: "replace" }
  /** The instance is kept; `how`: the API action(s) and what they wait for. */
  | { kind: "in place"; how: string }
  /** Stored in state by an update that calls no API. */
  | { kind: "recorded" }
  /** Read only by create: a later change does nothing. */
  | { kind: "never" };

/** The documentation of one input or nested property. Text is Markdown. */
export interface InputDoc {
  /** What it is, without a final period. */
  meaning: string;
  /** Its unit and limits, short enough for a table cell ("Mbps, ≥ 1"). */
  constraint?: string;
  /** What applies when it is omitted; absent when nothing does. */
  default?: string;
  change?: InputChange;
  /** A Markdown link, relative to docs/reference/, to the guide that explains more; the package schema has no such sections. */
  seeAlso?: string;
  /** Set by the SDK itself, never by a program: left out of the reference page. */
  internal?: true;
}

const code = (value: string | number | boolean): string => `\`${String(value)}\``;
/** A code span that may hold a backtick (Markdown: double delimiters, padded with spaces). */
const codeWithBackticks = (value: string): string => `\`\` ${value} \`\``;

const API_DEFAULT = "API default";
const ONE_LOGIN = "exactly one of `password` and `keyId`, or neither when adopting";
const REINSTALL = {
  kind: "in place",
  how: "**reinstalls the OS** (StopInstances when running, ResetInstance, waited until RUNNING): the system disk is rewritten; the id, " +
    "addresses and data disks stay",
} as const;
const REINSTALL_GUIDE = "[reinstall](../guides/in-place-changes.md#reinstall-caveat)";
const ENABLE = "waited until `Enable`";

export const INPUT_DOCS: Readonly<Record<string, InputDoc>> = {
  zoneId: { meaning: "Zone, e.g. `SEL-A`", change: { kind: "replace" } },
  instanceType: {
    meaning: "Instance type, e.g. `c.1c2g`",
    change: { kind: "in place", how: `ModifyInstanceType, ${ENABLE} (DescribeInstanceTypeStatus)` },
  },
  imageId: { meaning: "Image id (see `getImage`)", change: REINSTALL, seeAlso: REINSTALL_GUIDE },
  instanceName: {
    meaning: "Instance name",
    constraint: `1–${INSTANCE_NAME_RULE.maxLength} letters, digits, \`-\` and \`.\``,
    default: code(`<resource name>-<${NAME_SUFFIX_LENGTH} random chars>`),
    change: { kind: "in place", how: "ModifyInstancesAttribute" },
  },
  password: {
    meaning: `Login password: ${PASSWORD_RULE.minLength} to ${PASSWORD_RULE.maxLength} characters with a lower-case letter, ` +
      `an upper-case letter, a digit and one of ${codeWithBackticks(PASSWORD_RULE.specials)}`,
    constraint: ONE_LOGIN,
    change: { kind: "in place", how: "ResetInstancesPassword; set by the reinstall when one runs" },
  },
  keyId: { meaning: "SSH key pair id, instead of a password", constraint: ONE_LOGIN, change: REINSTALL, seeAlso: REINSTALL_GUIDE },
  instanceChargeType: {
    meaning: "Instance billing: `POSTPAID` (pay as you go) or `PREPAID` (subscription)",
    default: code(INPUT_DEFAULTS.instanceChargeType),
    change: { kind: "replace" },
  },
  instanceChargePrepaid: { meaning: "Subscription terms", constraint: "required with `PREPAID`", change: { kind: "replace" } },
  "instanceChargePrepaid.period": {
    meaning: "Subscription period",
    constraint: `months, ≥ ${REQUEST_LIMITS.prepaidPeriodMin}`,
  },
  internetChargeType: {
    meaning: `Network billing: ${INTERNET_CHARGE_TYPES.map(code).join(", ")}`,
    default: code(INPUT_DEFAULTS.internetChargeType),
    change: { kind: "replace" },
  },
  internetMaxBandwidthOut: {
    meaning: "Public bandwidth cap",
    constraint: `Mbps, ≥ ${REQUEST_LIMITS.bandwidthMin}`,
    default: `${API_DEFAULT} (1)`,
    change: { kind: "in place", how: `ModifyInstanceBandwidth, ${ENABLE}; needs a running instance; a lower bandwidth is set before an \`instanceType\` change, a higher one after (the type caps it)` },
  },
  trafficPackageSize: {
    meaning: "Traffic package",
    constraint: "TB, `ByTrafficPackage` only",
    change: { kind: "in place", how: `ModifyInstanceTrafficPackage, ${ENABLE}` },
  },
  subnetId: { meaning: "Subnet", default: API_DEFAULT, change: { kind: "replace" } },
  resourceGroupId: {
    meaning: "Resource group",
    default: "the account's default group",
    change: { kind: "in place", how: "ModifyInstancesResourceGroup" },
  },
  systemDisk: { meaning: "System disk", default: API_DEFAULT, change: { kind: "replace" } },
  "systemDisk.diskSize": { meaning: "Size", constraint: "GB, at least the image's size", default: API_DEFAULT },
  "systemDisk.diskCategory": { meaning: "Disk category, e.g. `Standard NVMe SSD`", default: API_DEFAULT },
  dataDisks: { meaning: "Data disks, created with the instance and deleted with it", default: "no data disks", change: { kind: "replace" } },
  "dataDisks[].diskSize": { meaning: "Size", constraint: "GB" },
  "dataDisks[].diskCategory": { meaning: "Disk category", default: API_DEFAULT },
  "dataDisks[].diskName": { meaning: "Disk name" },
  securityGroupId: {
    meaning: "Security group",
    default: API_DEFAULT,
    change: { kind: "in place", how: "AssociateSecurityGroupInstance, then UnAssociateSecurityGroupInstance from the others" },
  },
  tags: {
    meaning: "Tags",
    constraint: `string map; keys 1–${TAG_RULE.keyMaxLength} and values 1–${TAG_RULE.valueMaxLength} characters`,
    change: {
      kind: "in place",
      how: `ModifyResourceTags in the Resource Manager (\`/api/v2/zrm\`); keys ${code(OWNER_TAG_KEY)} and ${code(STACK_TAG_KEY)} are reserved and stay the provider's`,
    },
  },
  powerState: {
    meaning: "Whether the instance runs",
    constraint: "`RUNNING` or `STOPPED`",
    default: code(INPUT_DEFAULTS.powerState),
    change: {
      kind: "in place",
      how: "StartInstances / StopInstances, waited for; a start or stop outside Pulumi shows in `pulumi refresh` and then in the " +
        "preview, and `up` restores the declared state (an `up` changing other inputs without that refresh leaves it as found)",
    },
  },
  forceDelete: {
    meaning: "On delete, also release the instance from Zenlayer's recycle bin (irreversible); without it a deleted instance " +
      "waits in the recycle bin, restorable for about 24 hours and no longer billed as running",
    default: code(INPUT_DEFAULTS.forceDelete),
    change: { kind: "recorded" },
  },
  timeouts: {
    meaning: "How long create, update and delete may wait",
    constraint: `durations such as ${["90s", "20m", "1h30m", "30d"].map((d) => code(`"${d}"`)).join(", ")}; at most ${code(MAX_TIMEOUT.text)}`,
    default: [DEFAULT_TIMEOUTS.create, DEFAULT_TIMEOUTS.update, DEFAULT_TIMEOUTS.delete].map(code).join(" / "),
    change: { kind: "recorded" },
  },
  "timeouts.create": { meaning: "Until the instance is RUNNING", default: code(DEFAULT_TIMEOUTS.create) },
  "timeouts.update": {
    meaning: "In-place changes, including a reinstall and waiting for bandwidth, type or traffic changes",
    default: code(DEFAULT_TIMEOUTS.update),
  },
  "timeouts.delete": {
    meaning: "Waiting out creating and installing states, the recycle bin and the release",
    default: code(DEFAULT_TIMEOUTS.delete),
  },
  adoptInstanceId: {
    meaning: "An existing instance to bring under management instead of creating one: immutable inputs must match it; name, " +
      "resource group, bandwidth and (when given) password are applied in place, and `password` and `keyId` may both be omitted",
    change: { kind: "never" },
    seeAlso: "[adoption](../guides/adoption-and-import.md#existing-instances-adoption-instead-of-import)",
  },
  __owner: {
    meaning: `\`<project>/<stack>/<resource name>\` as the front-end hands it; check makes it the value of the instance's ${code(OWNER_TAG_KEY)} tag (shortened past 64 characters)`,
    change: { kind: "never" },
    internal: true,
  },
  __resourceName: { meaning: "The resource name, the base of the generated instance name", change: { kind: "never" }, internal: true },
  __stack: {
    meaning: `\`[<organization>/]<project>/<stack>\`; \`<project>/<stack>\` is the value of the instance's ${code(STACK_TAG_KEY)} tag`,
    change: { kind: "never" },
    internal: true,
  },
};
