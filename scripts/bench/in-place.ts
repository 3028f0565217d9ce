/**
 * `npm run bench` (second part): the API calls and the time of each in-place change, one update
 * per input, against the in-process simulator at its default durations and the provider's
 * production tuning (the poll schedule: 1.5 s at first, growing to 15 % of the time waited, up to
 * 30 s). Numbers, not pass/fail.
 */
import { InstanceProvider } from "../../provider";
import { IMAGES, RESOURCE_GROUPS, startSimulator } from "../../simulator";

type Props = Record<string, unknown>;

/** One update per row: the input changed and its new value. */
const CHANGES: [string, Props][] = [
  ["instanceName", { instanceName: "bench-renamed" }],
  ["resourceGroupId", { resourceGroupId: RESOURCE_GROUPS[1]!.resourceGroupId }],
  ["tags", { tags: { app: "api", env: "bench" } }],
  ["securityGroupId", { securityGroupId: "sg-bench0001" }],
  ["instanceType", { instanceType: "c.2c4g" }],
  ["trafficPackageSize", { trafficPackageSize: 2 }],
  ["internetMaxBandwidthOut", { internetMaxBandwidthOut: 5 }],
  ["password", { password: "Bench-Passw0rd!2" }],
  ["imageId (reinstall)", { imageId: IMAGES[1]!.imageId }],
  ["powerState STOPPED", { powerState: "STOPPED" }],
  ["powerState RUNNING", { powerState: "RUNNING" }],
];

async function main(): Promise<void> {
  const sim = await startSimulator({ port: 0 });
  Object.assign(process.env, {
    ZENLAYERCLOUD_DOMAIN: sim.domain, ZENLAYERCLOUD_SCHEME: "http",
    ZENLAYERCLOUD_ACCESS_KEY_ID: sim.accessKeyId, ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: sim.accessKeyPassword,
  });
  try {
    const provider = new InstanceProvider();
    let program: Props = {
      zoneId: "SEL-A", instanceType: "c.1c2g", imageId: IMAGES[0]!.imageId, password: "Bench-Passw0rd!",
      internetChargeType: "ByTrafficPackage", trafficPackageSize: 1, tags: { app: "web" },
      __owner: "bench/dev/in-place", __resourceName: "vm",
    };
    const checked = await provider.check({}, program);
    program = checked.inputs;
    const created = await provider.create(program);
    const id = created.id;
    let outs = created.outs as Props;
    console.log(`in-place changes of ${id} at the simulator's default durations (one update each):`);
    for (const [label, change] of CHANGES) {
      const news = (await provider.check(outs, { ...program, ...change })).inputs;
      const diff = await provider.diff(id, outs, news);
      if (diff.replaces?.length) throw new Error(`${label} would replace the instance`);
      sim.control.resetStats();
      const started = Date.now();
      outs = (await provider.update(id, outs, news)).outs as Props;
      const ms = Date.now() - started;
      const { requests } = sim.control.stats();
      const total = Object.values(requests).reduce((a, b) => a + b, 0);
      const calls = Object.entries(requests).map(([action, n]) => `${action} ${n}`).join(", ");
      console.log(`  ${label.padEnd(24)} ${String(ms).padStart(6)} ms  ${String(total).padStart(3)} calls: ${calls}`);
      program = news;
    }
    await provider.delete(id, outs);
  } finally {
    await sim.stop();
  }
}

console.log = ((log) => (...args: unknown[]) => {
  // The provider narrates its steps on console.log; keep only the benchmark's own lines.
  const line = args.map(String).join(" ");
  if (!line.startsWith("ins-")) log(line);
})(console.log.bind(console));

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
