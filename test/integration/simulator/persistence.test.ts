import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator } from "../../../simulator";
import { ok } from "./helpers/zc-client";
import { FakeClock, createOne, startTestSim, stopAll } from "./helpers/fixtures";

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
});
