import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fc from "fast-check";
import { INSTANCE_TYPES, INTERNET_CHARGE_TYPES, KNOWN_KEY_IDS, SUBNETS, startSimulator } from "../../../simulator";
import { loadState } from "../../../simulator/model/persistence";
import { callApi, callControl, ok } from "./helpers/zc-client";
import { FakeClock, TEST_DURATIONS, createBody, createOne, startTestSim, stopAll } from "./helpers/fixtures";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "zenlayer-sim-state-"));
});
afterEach(async () => {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
});

describe("persistence across a restart", () => {
  it("keeps instances and their pending transitions when restarted on the same statePath", async () => {
    const statePath = join(dir, "nested", "state.json");
    const clock = new FakeClock();
    const durations = { pendingMs: 1000, deployingMs: 1000 };
    const first = await startTestSim({ statePath, clock: clock.fn, durations });
    const id = await createOne(first, { instanceName: "survivor" }, { clock: clock.fn });
    first.control.setCommitment(id, true);
    clock.advance(500);
    expect(first.control.getInstance(id)?.instanceStatus).toBe("PENDING");
    await first.stop();
    expect(readdirSync(join(dir, "nested"))).toEqual(["state.json"]);

    const second = await startTestSim({ statePath, clock: clock.fn, durations });
    expect(second.control.getInstance(id)).toMatchObject({ instanceName: "survivor", instanceStatus: "PENDING", commitment: true });
    clock.advance(500);
    expect(second.control.getInstance(id)?.instanceStatus).toBe("DEPLOYING");
    clock.advance(1000);
    const described = await ok(second, "DescribeInstances", { instanceIds: [id] }, { clock: clock.fn });
    expect(described.dataSet[0].instanceStatus).toBe("RUNNING");
  });

  it("saves after every change, not only at stop, and never writes the password", async () => {
    const statePath = join(dir, "state.json");
    const sim = await startTestSim({ statePath });
    const id = await createOne(sim, { password: "Saved-N0t!" });
    const saved = readFileSync(statePath, "utf8");
    expect(saved).toContain(id);
    expect(saved).not.toContain("Saved-N0t!");
    sim.control.removeInstance(id);
    expect(readFileSync(statePath, "utf8")).not.toContain(id);
  });

  it("refuses to start on a corrupt state file instead of discarding it", async () => {
    const statePath = join(dir, "state.json");
    writeFileSync(statePath, "{\"something\":\"else\"}");
    await expect(startSimulator({ statePath })).rejects.toThrow(/not a zenlayer-sim state file/);
  });

  it("validates every record at start, naming the file and the record, and leaves the file as it was", async () => {
    const statePath = join(dir, "state.json");
    const sim = await startTestSim({ statePath });
    await createOne(sim, { instanceName: "good" });
    await sim.stop();
    const valid = JSON.parse(readFileSync(statePath, "utf8"));
    const good = valid.instances[0];
    const { zoneId: _zone, ...missingZone } = good;
    const cases: [string, unknown, RegExp][] = [
      ["a null record", { ...valid, instances: [good, null] }, /invalid record instances\[1\]: \(record\) /],
      ["a record missing a field", { ...valid, instances: [missingZone] }, new RegExp(`instances\\[0\\] \\(${good.instanceId}\\): zoneId `)],
      ["a zone the catalogue lacks", { ...valid, instances: [{ ...good, zoneId: "MARS-A" }] }, /zoneId is not a zone of the catalogue/],
      ["a status that does not exist", { ...valid, instances: [{ ...good, timeline: { phases: [], rest: "DELETED" } }] }, /timeline\.rest/],
      ["the same instance twice", { ...valid, instances: [good, good] }, /repeats the instance/],
    ];
    for (const [, content, message] of cases) {
      const text = JSON.stringify(content);
      writeFileSync(statePath, text);
      const start = startSimulator({ statePath });
      await expect(start).rejects.toThrow(message);
      await expect(start).rejects.toThrow(statePath);
      expect(readFileSync(statePath, "utf8")).toBe(text);
    }
  });

  it.each([["empty", "", /is empty/], ["not JSON", "{\"format\":", /is not JSON/], ["a list", "[]", /not a zenlayer-sim state file/]])(
    "refuses a state file that is %s, naming it", async (_label, text, message) => {
      const statePath = join(dir, "state.json");
      writeFileSync(statePath, text);
      const start = startSimulator({ statePath });
      await expect(start).rejects.toThrow(message);
      await expect(start).rejects.toThrow(statePath);
      expect(readFileSync(statePath, "utf8")).toBe(text);
    });
});

describe("one simulator per state file", () => {
  it("refuses a second simulator on a file in use, naming the file and the holder, until the first one stops", async () => {
    const statePath = join(dir, "state.json");
    const first = await startTestSim({ statePath });
    const id = await createOne(first, { instanceName: "first" });
    const second = startSimulator({ statePath });
    await expect(second).rejects.toThrow(`The state file ${statePath} is in use by another zenlayer-sim: this process (pid ${process.pid}), listening on ${first.url}`);
    expect((await ok(first, "DescribeInstances", { instanceIds: [id] })).totalCount).toBe(1);
    await first.stop();
    expect(existsSync(`${statePath}.lock`)).toBe(false);
    const third = await startTestSim({ statePath });
    expect(third.control.getInstance(id)?.instanceName).toBe("first");
  });

  it("takes over the lock of a holder that no longer runs", async () => {
    const statePath = join(dir, "state.json");
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const deadPid = Number(gone.stdout);
    writeFileSync(`${statePath}.lock`, JSON.stringify({ pid: deadPid, url: "http://127.0.0.1:1", since: "2026-01-01T00:00:00.000Z" }));
    const sim = await startTestSim({ statePath });
    expect(JSON.parse(readFileSync(`${statePath}.lock`, "utf8"))).toMatchObject({ pid: process.pid, url: sim.url });
  });

  it("releases the lock when the start fails", async () => {
    const statePath = join(dir, "state.json");
    writeFileSync(statePath, "[]");
    await expect(startSimulator({ statePath })).rejects.toThrow(/not a zenlayer-sim state file/);
    expect(existsSync(`${statePath}.lock`)).toBe(false);
  });
});

/** One step of a random session: an API action or a control change on the `pick`-th instance, then time passes. */
interface Step { kind: string; pick: number; value: number; flag: boolean; advanceMs: number }

const TYPES = INSTANCE_TYPES.map((t) => t.instanceType);
const STEP_KINDS = [
  "create", "bandwidth", "type", "trafficPackage", "stop", "start", "reboot", "terminate", "release", "reset", "rename",
  "securityGroup", "patch", "commitment", "hold",
] as const;
const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(...STEP_KINDS),
  pick: fc.nat({ max: 7 }),
  value: fc.nat({ max: 600 }),
  flag: fc.boolean(),
  advanceMs: fc.constantFrom(0, 50, 100, 250, 20_000),
});

/** The API call or control change of `step` on `instanceId`; refusals (wrong status, over a limit) are part of the session. */
async function run(sim: Awaited<ReturnType<typeof startTestSim>>, clock: FakeClock, s: Step, instanceId: string | undefined): Promise<void> {
  const call = (action: string, params: Record<string, unknown>) => callApi(sim, action, params, { clock: clock.fn });
  const control = (change: () => unknown) => {
    try {
      change();
    } catch {
      // A refused control change (a bad value) leaves the record as it was, which is what is saved.
    }
  };
  if (s.kind === "create" || instanceId === undefined) {
    const trafficPackage = s.value % 3 === 0;
    await call("CreateInstances", createBody({
      instanceCount: 1 + (s.pick % 2),
      instanceType: TYPES[s.pick % TYPES.length],
      internetChargeType: trafficPackage ? "ByTrafficPackage" : INTERNET_CHARGE_TYPES[s.value % INTERNET_CHARGE_TYPES.length],
      ...(trafficPackage ? { trafficPackageSize: 1 + (s.value % 5) / 2 } : {}),
      internetMaxBandwidthOut: 1 + (s.value % 200),
      ...(s.flag ? { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 + (s.value % 12), autoRenew: s.value % 2 === 0 } } : {}),
      ...(s.pick % 2 === 0 ? { password: undefined, keyId: KNOWN_KEY_IDS[0] } : {}),
      ...(s.pick % 3 === 0 ? { subnetId: SUBNETS[0]!.subnetId } : {}),
      dataDisks: s.pick % 4 === 0 ? [] : [{ diskSize: 20 + s.value, ...(s.flag ? { diskName: "data" } : {}) }],
      tags: { tags: s.value % 2 === 0 ? [{ key: "team", value: `t${s.value}` }] : [] },
    }));
  } else {
    const id = instanceId;
    switch (s.kind) {
      case "bandwidth": await call("ModifyInstanceBandwidth", { instanceId: id, internetMaxBandwidthOut: 1 + s.value }); break;
      case "type": await call("ModifyInstanceType", { instanceId: id, instanceTypeId: TYPES[s.value % TYPES.length] }); break;
      case "trafficPackage": await call("ModifyInstanceTrafficPackage", { instanceId: id, trafficPackageSize: 0.5 + s.value / 10 }); break;
      case "stop": await call("StopInstances", { instanceIds: [id] }); break;
      case "start": await call("StartInstances", { instanceIds: [id] }); break;
      case "reboot": await call("RebootInstances", { instanceIds: [id] }); break;
      case "terminate": await call("TerminateInstance", { instanceId: id }); break;
      case "release": await call("ReleaseInstances", { instanceIds: [id] }); break;
      case "reset": await call("ResetInstance", { instanceId: id, ...(s.flag ? { keyId: KNOWN_KEY_IDS[1] } : {}) }); break;
      case "rename": await call("ModifyInstancesAttribute", { instanceIds: [id], instanceName: `renamed-${s.value}` }); break;
      case "securityGroup":
        await call(s.flag ? "AssociateSecurityGroupInstance" : "UnAssociateSecurityGroupInstance", { instanceId: id, securityGroupId: `sg-${s.value % 3}` });
        break;
      case "patch":
        control(() => sim.control.patchInstance(id, s.flag
          ? { instanceType: TYPES[s.value % TYPES.length], internetMaxBandwidthOut: 1 + s.value }
          : { trafficPackageSize: s.value / 4, keyId: null, publicIpAddresses: [] }));
        break;
      case "commitment": control(() => sim.control.setCommitment(id, s.flag)); break;
      case "hold": control(() => sim.control.holdStatus(id, { status: "IMAGING", durationMs: s.value })); break;
    }
  }
  clock.advance(s.advanceMs);
}

describe("every reachable record", () => {
  it("comes back from the state file exactly as it was saved, and the restarted simulator shows the same instances", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        runs++;
        const statePath = join(dir, `state-${runs}.json`);
        const clock = new FakeClock();
        const sim = await startTestSim({ statePath, clock: clock.fn, durations: TEST_DURATIONS });
        try {
          for (const s of steps) {
            const ids = sim.control.listInstances().map((i) => i.instanceId);
            await run(sim, clock, s, ids.length ? ids[s.pick % ids.length] : undefined);
          }
          const before = sim.control.listInstances();
          await sim.stop();
          const written = JSON.parse(readFileSync(statePath, "utf8")).instances;
          expect(loadState(statePath)?.instances).toStrictEqual(written);
          const restarted = await startTestSim({ statePath, clock: clock.fn, durations: TEST_DURATIONS });
          expect(restarted.control.listInstances()).toStrictEqual(before);
          await restarted.stop();
        } finally {
          await sim.stop();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe("a failed save", () => {
  it("answers the action that ran as done, logs the failure once, keeps serving and saves again once it can", async () => {
    const statePath = join(dir, "state.json");
    const lines: string[] = [];
    const sim = await startTestSim({ statePath, log: (line) => lines.push(line) });
    // A directory where the file should be: every rename onto it fails, as a full or read-only disk would.
    mkdirSync(statePath);
    const created = await callApi(sim, "CreateInstances", createBody({ instanceName: "kept" }));
    expect(created.status).toBe(200);
    expect(created.headers["x-zenlayer-sim-state-not-saved"]).toBe("true");
    const id = created.body.response.instanceIdSet[0];
    const renamed = await callApi(sim, "ModifyInstancesAttribute", { instanceIds: [id], instanceName: "kept-2" });
    expect(renamed.status).toBe(200);
    expect((await ok(sim, "DescribeInstances", { instanceIds: [id] })).dataSet[0].instanceName).toBe("kept-2");
    expect((await callControl(sim, "GET", "/_sim/stats")).status).toBe(200);
    const failures = lines.filter((line) => line.includes("Could not save the state file"));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(statePath);
    expect(readdirSync(dir).sort()).toEqual(["state.json", "state.json.lock"]);

    rmSync(statePath, { recursive: true });
    const after = await callApi(sim, "ModifyInstancesAttribute", { instanceIds: [id], instanceName: "kept-3" });
    expect(after.headers["x-zenlayer-sim-state-not-saved"]).toBeUndefined();
    expect(lines.some((line) => line.includes("is saved again"))).toBe(true);
    expect(JSON.parse(readFileSync(statePath, "utf8")).instances[0]).toMatchObject({ instanceId: id, instanceName: "kept-3" });
  });

  it("makes stop fail, naming the file, when the last save fails", async () => {
    const statePath = join(dir, "state.json");
    const sim = await startSimulator({ statePath, log: () => undefined });
    mkdirSync(statePath);
    sim.control.seedInstance({ instanceName: "unsaved" });
    await expect(sim.stop()).rejects.toThrow(`Could not save the state file ${statePath}`);
  });
});
