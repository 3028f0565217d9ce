import { createContext } from "../../../provider/lifecycle/runtime/context";
import { InstanceReads } from "../../../provider/lifecycle/runtime/instance-reads";
import { createInstance } from "../../../provider/lifecycle/operations/create";
import { realClock } from "../../../provider/lifecycle/runtime/clock";
import { captureLog, FAST, FakeVmApi } from "./helpers/fake-api";

/** A fake API that also records what each DescribeInstances asked for. */
function setup() {
  const api = new FakeVmApi();
  const asked: { instanceIds?: string[]; tagKeys?: string[]; tags?: unknown }[] = [];
  const describe = api.describeInstances.bind(api);
  api.describeInstances = (req) => {
    asked.push(req);
    return describe(req);
  };
  const { log } = captureLog();
  const ctx = createContext({ api, settings: FAST, log });
  return { api, asked, ctx };
}

let run = 0;
const inputs = (stack: string, owner: string) => ({
  zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", keyId: "key-12345678", __stack: stack, __owner: `${stack}/${owner}`,
});

/** Lets every instance the fake created become RUNNING shortly. */
function runningSoon(api: FakeVmApi): NodeJS.Timeout {
  return setInterval(() => {
    for (const [id, instance] of api.instances) if (instance.info.instanceStatus === "PENDING") api.setStatus(id, "RUNNING");
  }, 60);
}

describe("the calls of creates in one process", () => {
  it("the creates of a stack look for leftovers with one listing, and take their outputs from the poll that saw them RUNNING", async () => {
    const { api, asked, ctx } = setup();
    const stack = `proj/calls-${++run}`;
    const timer = runningSoon(api);
    try {
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => createInstance(ctx, inputs(stack, `vm-${i}`))));
      expect(results.map((r) => r.outs?.instanceStatus)).toEqual(Array.from({ length: 6 }, () => "RUNNING"));
    } finally {
      clearInterval(timer);
    }
    const listings = asked.filter((req) => req.instanceIds === undefined);
    expect(listings).toHaveLength(1);
    expect(listings[0]).toMatchObject({ tagKeys: ["pulumi-owner"] });
    // Every other DescribeInstances is a poll of the waiting creates: none after them for the outputs.
    expect(asked.length - listings.length).toBe(ctx.poller.polls);
    expect(api.count("DescribeInstancesStatus")).toBe(0);
    expect(api.count("CreateInstances")).toBe(6);
  });

  it("a second create for an owner in the same process looks it up by its owner tag, not in the listing taken before", async () => {
    const { api, asked, ctx } = setup();
    const stack = `proj/calls-${++run}`;
    const timer = runningSoon(api);
    try {
      await createInstance(ctx, inputs(stack, "vm"));
      asked.length = 0;
      await createInstance(ctx, inputs(stack, "vm"));
    } finally {
      clearInterval(timer);
    }
    expect(asked[0]).toMatchObject({ tags: [{ key: "pulumi-owner", value: `${stack}/vm` }] });
  });
});

describe("shared instance reads", () => {
  it("describes asked for in the same turn go out as one DescribeInstances", async () => {
    const api = new FakeVmApi();
    for (let i = 0; i < 5; i++) api.add(`ins-${i}`, "RUNNING");
    const reads = new InstanceReads(api, realClock);
    const infos = await Promise.all([0, 1, 2, 3, 4, 9].map((i) => reads.describe(`ins-${i}`)));
    expect(infos.map((info) => info?.instanceId)).toEqual(["ins-0", "ins-1", "ins-2", "ins-3", "ins-4", undefined]);
    expect(api.count("DescribeInstances")).toBe(1);
  });

  it("details a poll offered answer the describe that follows it, once", async () => {
    const api = new FakeVmApi();
    api.add("ins-1", "RUNNING");
    const reads = new InstanceReads(api, realClock);
    expect(reads.wants(["ins-1"])).toBe(false);
    reads.awaitDetails("ins-1");
    expect(reads.wants(["ins-0", "ins-1"])).toBe(true);
    reads.offer([{ ...api.instances.get("ins-1")!.info }]);
    expect((await reads.describe("ins-1"))?.instanceStatus).toBe("RUNNING");
    expect(api.count("DescribeInstances")).toBe(0);
    // Consumed: the next describe reads afresh.
    expect(reads.wants(["ins-1"])).toBe(false);
    await reads.describe("ins-1");
    expect(api.count("DescribeInstances")).toBe(1);
  });

  it("a listing is loaded once, and again after a failed load", async () => {
    const reads = new InstanceReads(new FakeVmApi(), realClock);
    let loads = 0;
    const failing = () => { loads++; return Promise.reject(new Error("down")); };
    await expect(reads.listing("k", failing)).rejects.toThrow("down");
    const ok = () => { loads++; return Promise.resolve([]); };
    await Promise.all([reads.listing("k", ok), reads.listing("k", ok)]);
    await reads.listing("k", ok);
    expect(loads).toBe(2);
  });
});
