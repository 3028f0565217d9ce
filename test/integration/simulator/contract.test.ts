/**
 * Every simulator answer against the field tables of Zenlayer's SDK types (facts/response-fields.ts),
 * once per VM API version: one scenario drives every action of the version through the states that
 * change what it returns (PENDING and RUNNING instances, a prepaid one with a key, subnet, traffic
 * package and data disks, a bandwidth change in progress and done, the recycle bin), then each
 * answer must parse with a strict schema built from that version's table, and every field of the
 * table must have been seen (an optional one with a value). A field one version lacks fails there.
 */
import { ERROR_FIELDS, RESPONSE_FIELDS_BY_VERSION, flattenFields } from "../../../facts/response-fields";
import { VM_API_VERSIONS, type VmApiVersion } from "../../../facts/vm-versions";
import { KNOWN_KEY_IDS, RESOURCE_GROUPS, SUBNETS, vmActionNames, type RunningSimulator } from "../../../simulator";
import { FakeClock, TEST_DURATIONS, createBody, startTestSim, stopAll } from "./helpers/fixtures";
import { presentPaths, strictSchema } from "./helpers/wire-schema";
import { callApi, type Reply } from "./helpers/zc-client";

interface Answer { action: string; params: unknown; reply: Reply }

/** One version's run: its simulator, clock and answers. */
class Run {
  readonly answers: Answer[] = [];
  constructor(readonly sim: RunningSimulator, readonly version: VmApiVersion, readonly clock: FakeClock) {}

  async call(action: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const reply = await callApi(this.sim, action, params, { clock: this.clock.fn, version: this.version });
    this.answers.push({ action, params, reply });
    return reply.status === 200 ? reply.body.response : reply.body;
  }

  successes(action: string): Answer[] {
    return this.answers.filter((a) => a.action === action && a.reply.status === 200);
  }
}

/** Drives every action of the run's version; the answers are checked by the tests below. */
async function scenario(run: Run): Promise<void> {
  const call = run.call.bind(run);
  const clock = run.clock;
  const in2026 = run.version === "2026-04-01";
  await call("DescribeZones");
  await call("DescribeZones", { zoneIds: ["HKG-A"] });
  await call("DescribeZoneInstanceConfigInfos", { instanceChargeType: "POSTPAID", zoneId: "SEL-A" });
  await call("DescribeImages", { zoneId: "SEL-A" });
  await call("DescribeImages", { osType: "Windows" });

  const plain = ((await call("CreateInstances", createBody({ tags: { tags: [{ key: "team", value: "web" }] } }))).instanceIdSet as string[])[0]!;
  // 2026-04-01 asks for several identical data disks at once (`diskAmount`).
  const disks = in2026 ? [{ diskSize: 100, diskName: "data-1", diskAmount: 2 }] : [{ diskSize: 100, diskName: "data-1" }];
  const subnet = SUBNETS.find((s) => s.zoneId === "HKG-A")!;
  const prepaid = ((await call("CreateInstances", createBody({
    zoneId: "HKG-A", instanceType: "c.2c4g", instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 3 },
    internetChargeType: "ByTrafficPackage", trafficPackageSize: 1.5, password: undefined, keyId: KNOWN_KEY_IDS[0],
    subnetId: subnet.subnetId, systemDisk: { diskSize: 40 }, dataDisks: disks,
  }))).instanceIdSet as string[])[0]!;
  const both = [plain, prepaid];
  await call("DescribeInstances", { instanceIds: both });
  await call("DescribeInstancesStatus", { instanceIds: both });
  clock.advance(TEST_DURATIONS.pendingMs + TEST_DURATIONS.deployingMs);
  await call("DescribeInstances", { instanceIds: both });
  await call("DescribeInstances", { subnetId: subnet.subnetId, tags: [{ key: "team", value: "" }] });

  await call("ModifyInstancesAttribute", { instanceIds: [plain], instanceName: "web-2" });
  await call("ModifyInstancesResourceGroup", { instanceIds: [plain], resourceGroupId: RESOURCE_GROUPS[1]!.resourceGroupId });
  await call("DescribeInstanceInternetStatus", { instanceId: plain });
  await call("DescribeInstanceInternetStatus", { instanceId: prepaid });
  await call("ModifyInstanceBandwidth", { instanceId: plain, internetMaxBandwidthOut: 10 });
  await call("DescribeInstanceInternetStatus", { instanceId: plain });
  clock.advance(TEST_DURATIONS.bandwidthChangeMs);
  await call("DescribeInstanceInternetStatus", { instanceId: plain });

  await call("DescribeInstanceTypeStatus", { instanceId: plain });
  await call("ModifyInstanceType", { instanceId: plain, instanceTypeId: "c.2c4g" });
  await call("DescribeInstanceTypeStatus", { instanceId: plain });
  clock.advance(TEST_DURATIONS.bandwidthChangeMs);
  await call("ModifyInstanceTrafficPackage", { instanceId: prepaid, trafficPackageSize: 2 });
  await call("DescribeInstanceInternetStatus", { instanceId: prepaid });
  clock.advance(TEST_DURATIONS.bandwidthChangeMs);
  await call("AssociateSecurityGroupInstance", { instanceId: plain, securityGroupId: "sg-contract" });
  await call("UnAssociateSecurityGroupInstance", { instanceId: plain, securityGroupId: "sg-contract" });
  await call("InquiryPriceCreateInstance", {
    ...createBody({ password: undefined }), dataDisks: [{ diskSize: 50 }, ...disks], ...(in2026 ? { instanceCount: 2 } : {}),
  });
  await call("InquiryPriceCreateInstance", createBody({
    password: undefined, internetChargeType: "ByInstanceBandwidth95", instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 },
  }));
  await call("InquiryPriceInstanceBandwidth", { instanceId: plain, internetMaxBandwidthOut: 20 });
  const usageBilled = ((await call("CreateInstances", createBody({ internetChargeType: "ByInstanceBandwidth95" }))).instanceIdSet as string[])[0]!;
  await call("InquiryPriceInstanceBandwidth", { instanceId: usageBilled, internetMaxBandwidthOut: 20 });
  await call("InquiryPriceInstanceTrafficPackage", { instanceId: prepaid, trafficPackageSize: 3 });
  await call("ResetInstancesPassword", { instanceIds: [plain], password: "N3w~Passw0rd" });
  await call("RebootInstances", { instanceIds: [plain] });
  clock.advance(TEST_DURATIONS.rebootMs);
  await call("StopInstances", { instanceIds: [plain], forceShutdown: true });
  clock.advance(TEST_DURATIONS.stoppingMs);
  await call("ResetInstance", { instanceId: plain, password: "Re5et`pass", ...(in2026 ? { instanceName: "rebuilt" } : {}) });
  clock.advance(TEST_DURATIONS.rebuildingMs);
  await call("StopInstances", { instanceIds: [plain] });
  clock.advance(TEST_DURATIONS.stoppingMs);
  await call("StartInstances", { instanceIds: [plain] });
  clock.advance(TEST_DURATIONS.bootingMs);
  if (in2026) await call("DescribeVncUrl", { instanceId: plain });

  await call("TerminateInstance", { instanceId: prepaid });
  await call("TerminateInstance", { instanceId: plain });
  clock.advance(TEST_DURATIONS.recyclingMs);
  await call("DescribeInstances", { instanceIds: both });
  await call("ReleaseInstances", { instanceIds: [plain] });
  await call("TerminateInstance", { instanceId: plain });
  await call("CreateInstances", createBody({ password: "short" }));
}

const runs = new Map<VmApiVersion, Run>();
beforeAll(async () => {
  for (const version of VM_API_VERSIONS) {
    const clock = new FakeClock();
    const run = new Run(await startTestSim({ clock: clock.fn }), version, clock);
    runs.set(version, run);
    await scenario(run);
  }
});
afterAll(stopAll);

describe.each([...VM_API_VERSIONS])("in VM API %s the simulator answers exactly as Zenlayer's SDK types the wire", (version) => {
  const tables = RESPONSE_FIELDS_BY_VERSION[version];
  const run = () => runs.get(version)!;

  it("has a field table for every action it serves in this version, and nothing else", () => {
    expect(Object.keys(tables).sort()).toEqual(vmActionNames(version).sort());
  });

  it.each(Object.keys(tables))("%s: every answer matches the table", (action) => {
    const schema = strictSchema(tables[action]!);
    const replies = run().successes(action);
    expect(replies.length).toBeGreaterThan(0);
    for (const { params, reply } of replies) {
      const parsed = schema.safeParse(reply.body.response);
      if (!parsed.success) throw new Error(`${action} ${JSON.stringify(params)}: ${parsed.error.message}\n${reply.text}`);
      expect(reply.body.requestId).toBe(reply.body.response.requestId);
    }
  });

  it.each(Object.keys(tables))("%s: every field of the table was seen", (action) => {
    const table = tables[action]!;
    const seen = new Set(run().successes(action).flatMap(({ reply }) => presentPaths(table, reply.body.response)));
    const unseen = flattenFields(table).map(({ path }) => path).filter((path) => !seen.has(path));
    expect(unseen).toEqual([]);
  });

  it("sends every error in the SDK's ErrorResponse shape", () => {
    const errors = run().answers.filter((a) => a.reply.status !== 200);
    // The prepaid terminate, the second terminate of a released instance and the bad password.
    expect(errors.map((e) => e.reply.body.code)).toEqual([
      "UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE", "UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE", "INVALID_PASSWORD_MALFORMED",
    ]);
    for (const { reply } of errors) expect(strictSchema(ERROR_FIELDS).safeParse(reply.body).success).toBe(true);
  });

  it("sends imageSize as a string and osType in lower case", async () => {
    const images = run().successes("DescribeImages").flatMap(({ reply }) => reply.body.response.dataSet as { imageSize: unknown; osType: string }[]);
    expect(images.every((image) => typeof image.imageSize === "string" && /^\d+$/.test(image.imageSize))).toBe(true);
    expect(new Set(images.map((image) => image.osType))).toEqual(new Set(["linux", "windows"]));
  });
});

describe("what only 2026-04-01 sends", () => {
  const run = () => runs.get("2026-04-01")!;

  it("CreateInstances pairs each new instance with the data disks created with it, and answers [] without data disks", async () => {
    const created = run().successes("CreateInstances").map(({ reply }) => reply.body.response as { instanceIdSet: string[]; instances: { instanceId: string; diskIdSet: string[] }[] });
    const [plain, prepaid] = created;
    expect(plain!.instances).toEqual([]);
    expect(prepaid!.instances[0]!.diskIdSet).toHaveLength(2);
    const described = await run().call("DescribeInstances", { instanceIds: [prepaid!.instanceIdSet[0]] });
    const disks = (described.dataSet as { dataDisks: { diskId: string }[] }[])[0]!.dataDisks.map((d) => d.diskId);
    expect(disks).toEqual(prepaid!.instances[0]!.diskIdSet);
  });

  it("InquiryPriceCreateInstance prices every kind of data disk with its amount, for every instance asked for", () => {
    const [quote] = run().successes("InquiryPriceCreateInstance").map(({ reply }) => reply.body.response);
    expect(quote.dataDiskPrices.map((d: { diskSize: number; diskAmount: number }) => [d.diskSize, d.diskAmount])).toEqual([[50, 1], [100, 2]]);
    const single = runs.get("2023-03-13")!.successes("InquiryPriceCreateInstance")[0]!.reply.body.response;
    expect(quote.instancePrice.unitPrice).toBeCloseTo(2 * single.instancePrice.unitPrice, 6);
  });
});
