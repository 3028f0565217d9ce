import { resetContext } from "../../../provider/lifecycle/runtime/context";
import { configureRequest, startHarness, VM_PASSWORD, type Harness } from "./harness";


describe("credentials and endpoint", () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.stop(); });

  it("lets stack config given to configure win over the environment", async () => {
    process.env.ZENLAYERCLOUD_DOMAIN = "127.0.0.1:1";
    process.env.ZENLAYERCLOUD_ACCESS_KEY_PASSWORD = "wrong-password";
    await h.provider.configure(configureRequest({
      "zenlayer:domain": h.sim.domain, "zenlayer:scheme": "HTTP",
      "zenlayer:accessKeyId": h.sim.accessKeyId, "zenlayer:accessKeyPassword": h.sim.accessKeyPassword,
    }));
    const { id } = await h.createVm();
    expect(h.sim.control.getInstance(id)?.instanceStatus).toBe("RUNNING");
  });

  it("works from the environment alone when configure is never called", async () => {
    const { id } = await h.createVm();
    await h.provider.delete(id, {});
    expect(["RECYCLING", "RECYCLE"]).toContain(h.sim.control.getInstance(id)?.instanceStatus);
  });

  it("fails the operations that need the API, not check, when credentials are missing", async () => {
    delete process.env.ZENLAYERCLOUD_ACCESS_KEY_ID;
    delete process.env.ZENLAYERCLOUD_ACCESS_KEY_PASSWORD;
    resetContext();
    const checked = await h.provider.check({}, h.inputs());
    expect(checked.failures).toEqual([]);
    await expect(h.provider.create(checked.inputs)).rejects.toThrow(
      /^Cannot create the instance: Zenlayer credentials are missing \(access key id and access key password\)\. Set the environment variables ZENLAYERCLOUD_ACCESS_KEY_ID/);
    await expect(h.provider.delete("ins-1", {})).rejects.toThrow(/^Cannot delete ins-1: Zenlayer credentials are missing/);
    await expect(h.provider.read("ins-1", {})).rejects.toThrow(/^Cannot read ins-1: .*zenlayer:accessKeyPassword/);
    expect(h.sim.control.stats().total).toBe(0);
  });
});

describe("secrets", () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.stop(); });

  it("never prints the instance password or the access key password, in output or in errors", async () => {
    const secrets = [VM_PASSWORD, h.sim.accessKeyPassword, "Nw8!otherPass"];
    const errors: string[] = [];
    const collect = (p: Promise<unknown>) => p.then(() => undefined, (e: Error) => { errors.push(`${e.message}\n${e.stack}\n${JSON.stringify(e)}`); });

    const { id, outs } = await h.createVm();
    await collect(h.createVm({ timeouts: { create: "30ms" } }));
    h.sim.control.failNextCreates(1);
    await collect(h.createVm());
    await collect(h.provider.update(id, outs, { ...outs, internetMaxBandwidthOut: 100_000, password: "Nw8!otherPass" }));
    await collect(h.provider.update(id, outs, { ...outs, password: "Nw8!otherPass", instanceName: "bad name" }));
    h.sim.control.setCommitment(id, true);
    await collect(h.provider.delete(id, outs));
    h.sim.control.setCommitment(id, false);
    h.sim.control.holdStatus(id, "DEPLOYING", 10_000, "RUNNING");
    await collect(h.provider.delete(id, { ...outs, timeouts: { delete: "100ms" } }));
    await collect(h.provider.read("ins-nothere", { password: VM_PASSWORD }));
    // A wrong access key: the API refuses the signature.
    await h.provider.configure(configureRequest({ "zenlayer:accessKeyPassword": "Wr0ng-key-password" }));
    secrets.push("Wr0ng-key-password");
    await collect(h.provider.delete(id, outs));

    expect(errors.length).toBeGreaterThanOrEqual(6);
    const everything = [...h.lines, ...errors].join("\n");
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
