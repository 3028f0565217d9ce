/**
 * Every simulator answer against the field table of Zenlayer's SDK types (facts/response-fields.ts):
 * one scenario drives every action through the states that change what it returns (PENDING and
 * RUNNING instances, a prepaid one with a key, subnet, traffic package and data disks, a bandwidth
 * change in progress and done, the recycle bin), then each answer must parse with a strict schema
 * built from the table, and every field of the table must have been seen (an optional one with
 * a value).
 */
import { ERROR_FIELDS, RESPONSE_FIELDS, flattenFields } from "../../../facts/response-fields";
import { ACTION_NAMES, KNOWN_KEY_IDS, RESOURCE_GROUPS, SUBNETS, type RunningSimulator } from "../../../simulator";
import { FakeClock, TEST_DURATIONS, createBody, startTestSim, stopAll } from "./helpers/fixtures";
import { presentPaths, strictSchema } from "./helpers/wire-schema";
import { callApi, type Reply } from "./helpers/zc-client";

interface Answer { action: string; params: unknown; reply: Reply }

const answers: Answer[] = [];
let sim: RunningSimulator;
const clock = new FakeClock();

async function call(action: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const reply = await callApi(sim, action, params, { clock: clock.fn });
  answers.push({ action, params, reply });
  return reply.status === 200 ? reply.body.response : reply.body;
}

/** Drives every action; the answers are checked by the tests below. */
async function scenario(): Promise<void> {
  await call("DescribeZones");
  await call("DescribeZones", { zoneIds: ["HKG-A"] });
  await call("DescribeZoneInstanceConfigInfos", { instanceChargeType: "POSTPAID", zoneId: "SEL-A" });
  await call("DescribeImages", { zoneId: "SEL-A" });
  await call("DescribeImages", { osType: "Windows" });

  const plain = ((await call("CreateInstances", createBody({ tags: { tags: [{ key: "team", value: "web" }] } }))).instanceIdSet as string[])[0]!;
  const subnet = SUBNETS.find((s) => s.zoneId === "HKG-A")!;
  const prepaid = ((await call("CreateInstances", createBody({
    zoneId: "HKG-A", instanceType: "c.2c4g", instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 3 },
    internetChargeType: "ByTrafficPackage", trafficPackageSize: 1.5, password: undefined, keyId: KNOWN_KEY_IDS[0],
    subnetId: subnet.subnetId, systemDisk: { diskSize: 40 }, dataDisks: [{ diskSize: 100, diskName: "data-1" }],
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
  await call("InquiryPriceCreateInstance", { ...createBody({ password: undefined }), dataDisks: [{ diskSize: 50 }] });
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
  await call("ResetInstance", { instanceId: plain, password: "Re5et`pass" });
  clock.advance(TEST_DURATIONS.rebuildingMs);
  await call("StopInstances", { instanceIds: [plain] });
  clock.advance(TEST_DURATIONS.stoppingMs);
  await call("StartInstances", { instanceIds: [plain] });
  clock.advance(TEST_DURATIONS.bootingMs);

  await call("TerminateInstance", { instanceId: prepaid });
  await call("TerminateInstance", { instanceId: plain });
  clock.advance(TEST_DURATIONS.recyclingMs);
  await call("DescribeInstances", { instanceIds: both });
  await call("ReleaseInstances", { instanceIds: [plain] });
  await call("TerminateInstance", { instanceId: plain });
  await call("CreateInstances", createBody({ password: "short" }));
}

beforeAll(async () => {
  sim = await startTestSim({ clock: clock.fn });
  await scenario();
});
afterAll(stopAll);

const successes = (action: string) => answers.filter((a) => a.action === action && a.reply.status === 200);

describe("the simulator answers exactly as Zenlayer's SDK types the wire", () => {
  it("has a field table for every action it serves, and nothing else", () => {
    expect(Object.keys(RESPONSE_FIELDS).sort()).toEqual([...ACTION_NAMES].sort());
  });

  it.each([...ACTION_NAMES])("%s: every answer matches the table", (action) => {
    const schema = strictSchema(RESPONSE_FIELDS[action]!);
    const replies = successes(action);
    expect(replies.length).toBeGreaterThan(0);
    for (const { params, reply } of replies) {
      const parsed = schema.safeParse(reply.body.response);
      if (!parsed.success) throw new Error(`${action} ${JSON.stringify(params)}: ${parsed.error.message}\n${reply.text}`);
      expect(reply.body.requestId).toBe(reply.body.response.requestId);
    }
  });

  it.each([...ACTION_NAMES])("%s: every field of the table was seen", (action) => {
    const table = RESPONSE_FIELDS[action]!;
    const seen = new Set(successes(action).flatMap(({ reply }) => presentPaths(table, reply.body.response)));
    const unseen = flattenFields(table).map(({ path }) => path).filter((path) => !seen.has(path));
    expect(unseen).toEqual([]);
  });

  it("sends every error in the SDK's ErrorResponse shape", () => {
    const errors = answers.filter((a) => a.reply.status !== 200);
    // The prepaid terminate, the second terminate of a released instance and the bad password.
    expect(errors.map((e) => e.reply.body.code)).toEqual([
      "UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE", "UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE", "INVALID_PASSWORD_MALFORMED",
    ]);
    for (const { reply } of errors) expect(strictSchema(ERROR_FIELDS).safeParse(reply.body).success).toBe(true);
  });

  it("sends imageSize as a string and osType in lower case", async () => {
    const images = successes("DescribeImages").flatMap(({ reply }) => reply.body.response.dataSet as { imageSize: unknown; osType: string }[]);
    expect(images.every((image) => typeof image.imageSize === "string" && /^\d+$/.test(image.imageSize))).toBe(true);
    expect(new Set(images.map((image) => image.osType))).toEqual(new Set(["linux", "windows"]));
  });
});
