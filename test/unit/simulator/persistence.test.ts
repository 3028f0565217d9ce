import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fc from "fast-check";
import { INSTANCE_CHARGE_TYPES, INSTANCE_STATUSES, INTERNET_CHARGE_TYPES } from "../../../facts/rules";
import { IMAGES, INSTANCE_TYPES, RESOURCE_GROUPS, ZONES } from "../../../simulator/model/catalogue";
import type { DiskRecord, InstanceRecord } from "../../../simulator/model/instance-record";
import { loadState, saveState, type PersistedState } from "../../../simulator/model/persistence";

/**
 * An arbitrary for every field of T, optional ones included: a field added to the record and left
 * out here is a type error, so the property below always covers the whole record.
 */
type EveryField<T> = { [K in keyof T]-?: fc.Arbitrary<Exclude<T[K], undefined>> };

const text = fc.string({ maxLength: 12 });
const time = fc.integer({ min: 0, max: 2 ** 45 });
const size = fc.double({ min: 0, max: 1_000_000, noNaN: true });
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
// Plain objects, as JSON.parse makes them (fast-check's records may otherwise have no prototype).
const plain = { noNullPrototype: true } as const;
const status = fc.constantFrom(...INSTANCE_STATUSES);
const instanceType = fc.constantFrom(...INSTANCE_TYPES.map((t) => t.instanceType));

const diskFields: EveryField<DiskRecord> = { diskId: fc.string({ minLength: 1 }), diskSize: fc.nat(), diskCategory: fc.string({ minLength: 1 }), diskName: text };
// diskName is optional in the record: present in some generated disks, absent in others.
const disk = fc.record(diskFields, { requiredKeys: ["diskId", "diskSize", "diskCategory"], ...plain });

const recordFields: EveryField<InstanceRecord> = {
  instanceId: fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/),
  seq: fc.nat(),
  zoneId: fc.constantFrom(...ZONES.map((z) => z.zoneId)),
  instanceName: text,
  instanceType,
  imageId: fc.constantFrom(...IMAGES.map((i) => i.imageId)),
  instanceChargeType: fc.constantFrom(...INSTANCE_CHARGE_TYPES),
  period: nullable(fc.nat()),
  autoRenew: fc.boolean(),
  internetChargeType: fc.constantFrom(...INTERNET_CHARGE_TYPES),
  internetMaxBandwidthOut: fc.nat(),
  trafficPackageSize: nullable(size),
  subnetId: nullable(text),
  resourceGroupId: fc.constantFrom(...RESOURCE_GROUPS.map((g) => g.resourceGroupId)),
  securityGroupIds: fc.array(text, { maxLength: 3 }),
  keyId: nullable(text),
  tags: fc.array(fc.record({ key: text, value: text }, plain), { maxLength: 3 }),
  nic: fc.record({ wanName: text, lanName: text }, plain),
  systemDisk: disk,
  dataDisks: fc.array(disk, { maxLength: 3 }),
  privateIpAddresses: fc.array(text, { maxLength: 2 }),
  publicIpAddresses: fc.array(text, { maxLength: 2 }),
  createTime: text,
  expiredTime: nullable(text),
  commitment: fc.boolean(),
  timeline: fc.record({ phases: fc.array(fc.record({ status, until: time }, plain), { maxLength: 3 }), rest: nullable(status) }, plain),
  bandwidthChange: nullable(fc.record({ from: fc.nat(), to: fc.nat(), doneAt: time }, plain)),
  trafficPackageChange: nullable(fc.record({ from: nullable(size), to: nullable(size), doneAt: time }, plain)),
  instanceTypeChange: nullable(fc.record({ from: instanceType, to: instanceType, doneAt: time }, plain)),
};
const record: fc.Arbitrary<InstanceRecord> = fc.record(recordFields, plain);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "zenlayer-sim-persistence-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const stateOf = (instances: InstanceRecord[]): PersistedState => ({
  format: "zenlayer-sim-state", version: 1, savedAt: "2026-01-15T12:00:00Z", nextSeq: instances.length + 1, instances,
});

describe("the state file", () => {
  it("gives back every record exactly as saved, every optional field and every null included", () => {
    const path = join(dir, "state.json");
    fc.assert(
      fc.property(fc.uniqueArray(record, { selector: (r) => r.instanceId, maxLength: 4 }), (instances) => {
        saveState(path, stateOf(instances));
        expect(loadState(path)).toStrictEqual(stateOf(instances));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a record with a field the simulator does not know, naming it, instead of dropping it", () => {
    const path = join(dir, "state.json");
    const [sample] = fc.sample(record, { numRuns: 1, seed: 7 });
    writeFileSync(path, JSON.stringify({ ...stateOf([]), instances: [{ ...sample, instanceTypeChnage: null }] }));
    expect(() => loadState(path)).toThrow(/instances\[0\].*instanceTypeChnage/);
    expect(JSON.parse(readFileSync(path, "utf8")).instances[0].instanceTypeChnage).toBeNull();
  });

  it("refuses an unknown field at the top of the file too", () => {
    const path = join(dir, "state.json");
    writeFileSync(path, JSON.stringify({ ...stateOf([]), faults: {} }));
    expect(() => loadState(path)).toThrow(/not a zenlayer-sim state file.*faults/);
  });

  it("reads a file written before ordered changes and interface names existed as having none, and the default names", () => {
    const path = join(dir, "state.json");
    const [sample] = fc.sample(record, { numRuns: 1, seed: 3 });
    const { trafficPackageChange: _t, instanceTypeChange: _i, nic: _n, ...older } = sample!;
    writeFileSync(path, JSON.stringify({ ...stateOf([]), instances: [older] }));
    expect(loadState(path)?.instances[0]).toStrictEqual({
      ...older, trafficPackageChange: null, instanceTypeChange: null, nic: { wanName: "eth0", lanName: "eth1" },
    });
  });
});
