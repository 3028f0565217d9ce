import { INSTANCE_CHARGE_TYPES, INSTANCE_STATUSES, INTERNET_CHARGE_TYPES, NIC_NAME_RULE } from "../../facts/rules";
import { findImage, findInstanceType, findResourceGroup, findZone } from "./catalogue";
import type { InstanceRecord } from "./instance-record";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";

/** The file format of `statePath`. Timelines hold absolute times, so pending transitions resume. */
export interface PersistedState {
  format: "zenlayer-sim-state";
  version: 1;
  savedAt: string;
  nextSeq: number;
  instances: InstanceRecord[];
}

/** A state file that cannot be used; the message names the file and, when it applies, the record. */
export class StateFileError extends Error {}

const status = z.enum(INSTANCE_STATUSES);
const count = z.number().int().nonnegative();
const known = (find: (id: string) => unknown, what: string) => z.string().refine((id) => find(id) !== undefined, `is not a ${what} of the catalogue`);
const disk = z.strictObject({ diskId: z.string().min(1), diskSize: count, diskCategory: z.string().min(1), diskName: z.string().optional() });
const orderedChange = <T extends z.ZodType>(value: T) => z.strictObject({ from: value, to: value, doneAt: z.number() });

/**
 * True only when A and B are the same type: every field present in both, optional in both or in
 * neither, of the same type. Plain assignability is not enough: a schema that lacks an optional
 * field of the record still accepts every record, and then drops that field on load.
 */
type SameType<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

/**
 * Returns the schema as it is; it compiles only when what the schema yields is exactly `T`. A
 * field added to the record but not to the schema (or the other way round) is a type error here,
 * rather than a field that silently vanishes at the next restart.
 */
function exactly<T>() {
  return <S extends z.ZodType>(schema: S & (SameType<z.output<S>, T> extends true ? unknown : "the schema does not yield exactly the record type")) => schema;
}

/**
 * One saved instance: every field of InstanceRecord, with the catalogue references checked. Strict:
 * a field the simulator does not know stops the start instead of being dropped. The ordered
 * changes default to none, the network interfaces to their default names, for files written
 * before they existed.
 */
const recordSchema = exactly<InstanceRecord>()(z.strictObject({
  instanceId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  seq: count,
  zoneId: known(findZone, "zone"),
  instanceName: z.string(),
  instanceType: known(findInstanceType, "instance type"),
  imageId: known(findImage, "image"),
  instanceChargeType: z.enum(INSTANCE_CHARGE_TYPES),
  period: count.nullable(),
  autoRenew: z.boolean(),
  internetChargeType: z.enum(INTERNET_CHARGE_TYPES),
  internetMaxBandwidthOut: count,
  trafficPackageSize: z.number().nonnegative().nullable(),
  subnetId: z.string().nullable(),
  resourceGroupId: known(findResourceGroup, "resource group"),
  securityGroupIds: z.array(z.string()),
  keyId: z.string().nullable(),
  tags: z.array(z.strictObject({ key: z.string(), value: z.string() })),
  nic: z.strictObject({ wanName: z.string(), lanName: z.string() })
    .default(() => ({ wanName: NIC_NAME_RULE.defaultWanName, lanName: NIC_NAME_RULE.defaultLanName })),
  systemDisk: disk,
  dataDisks: z.array(disk),
  privateIpAddresses: z.array(z.string()),
  publicIpAddresses: z.array(z.string()),
  createTime: z.string(),
  expiredTime: z.string().nullable(),
  commitment: z.boolean(),
  timeline: z.strictObject({ phases: z.array(z.strictObject({ status, until: z.number() })), rest: status.nullable() }),
  bandwidthChange: orderedChange(count).nullable(),
  trafficPackageChange: orderedChange(z.number().nonnegative().nullable()).nullable().default(null),
  instanceTypeChange: orderedChange(known(findInstanceType, "instance type")).nullable().default(null),
}));

const headerSchema = z.strictObject({
  format: z.literal("zenlayer-sim-state"),
  version: z.literal(1),
  savedAt: z.string(),
  nextSeq: count,
  instances: z.array(z.unknown()),
});

const issuesOf = (error: z.ZodError) =>
  error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join(".") : "(record)"} ${i.message}`).join("; ");

/**
 * Reads and validates the state file; `undefined` when it does not exist yet. Anything else that
 * is not a valid state file — empty, not JSON, another format, a record missing fields or naming
 * something the catalogue lacks — is a StateFileError naming the file and the record, and the
 * file is left as it is: the simulator refuses to start rather than overwrite it.
 */
export function loadState(path: string): PersistedState | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateFileError(`Cannot read the state file ${path}: ${(error as Error).message}`);
  }
  const fix = "move it away or pass another state file; it was not changed";
  if (text.trim() === "") throw new StateFileError(`The state file ${path} is empty, not a zenlayer-sim state file: ${fix}.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(`The state file ${path} is not JSON (${(error as Error).message}): ${fix}.`);
  }
  const header = headerSchema.safeParse(parsed);
  if (!header.success) {
    throw new StateFileError(`${path} is not a zenlayer-sim state file (format/version mismatch: ${issuesOf(header.error)}): ${fix}.`);
  }
  const seen = new Set<string>();
  const instances = header.data.instances.map((raw, index) => {
    const record = recordSchema.safeParse(raw);
    const id = typeof (raw as { instanceId?: unknown } | null)?.instanceId === "string" ? ` (${(raw as { instanceId: string }).instanceId})` : "";
    if (!record.success) throw new StateFileError(`The state file ${path} has an invalid record instances[${index}]${id}: ${issuesOf(record.error)}; ${fix}.`);
    if (seen.has(record.data.instanceId)) throw new StateFileError(`The state file ${path} repeats the instance ${record.data.instanceId} (instances[${index}]); ${fix}.`);
    seen.add(record.data.instanceId);
    return record.data;
  });
  return { ...header.data, instances };
}

/**
 * Writes the state atomically: a temporary file beside the target, then a rename, so a crash
 * mid-write leaves either the old file or the new one, never half of one. A failed write removes
 * its temporary file and throws.
 */
export function saveState(path: string, state: PersistedState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, "utf8");
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
