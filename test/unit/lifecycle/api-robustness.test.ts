import { findByOwner, statusSource } from "../../../provider/lifecycle/runtime/api";
import { apiError, FakeVmApi } from "./helpers/fake-api";

describe("status reads against servers that differ from the documentation", () => {
  it("asks id by id when the server answers not found for an unknown id in a batch", async () => {
    const api = new FakeVmApi();
    api.add("ins-a", "RUNNING");
    const real = api.describeInstancesStatus.bind(api);
    api.describeInstancesStatus = async (req) => {
      if (req.instanceIds.some((id) => !api.instances.has(id))) throw apiError("DescribeInstancesStatus", "INVALID_INSTANCE_NOT_FOUND", 404);
      return real(req);
    };
    const statuses = await statusSource(api)(["ins-a", "ins-gone"]);
    expect([...statuses]).toEqual([["ins-a", "RUNNING"]]);
  });

  it("falls back to DescribeInstances when DescribeInstancesStatus is not offered", async () => {
    const api = new FakeVmApi();
    api.add("ins-a", "DEPLOYING");
    api.failures.DescribeInstancesStatus = () => apiError("DescribeInstancesStatus", "INVALID_ACTION", 400);
    const source = statusSource(api);
    expect([...(await source(["ins-a"]))]).toEqual([["ins-a", "DEPLOYING"]]);
    await source(["ins-a"]);
    expect(api.count("DescribeInstancesStatus")).toBe(1);
    expect(api.count("DescribeInstances")).toBe(2);
  });

  it("propagates other errors (the poller decides whether they are fatal)", async () => {
    const api = new FakeVmApi();
    api.failures.DescribeInstancesStatus = () => apiError("DescribeInstancesStatus", "AUTH_FAILURE", 401);
    await expect(statusSource(api)(["ins-a"])).rejects.toThrow(/AUTH_FAILURE/);
  });
});

describe("finding an owner's instances", () => {
  const tagged = (owner: string) => ({ tags: { tags: [{ key: "pulumi-owner", value: owner }] } });

  it("filters on our side too, in case the server ignores the tag filter", async () => {
    const api = new FakeVmApi();
    Object.assign(api.add("ins-mine", "RUNNING").info, tagged("p/s/web"));
    Object.assign(api.add("ins-other", "RUNNING").info, tagged("p/s/db"));
    api.add("ins-untagged", "RUNNING");
    expect((await findByOwner(api, "p/s/web")).map((i) => i.instanceId)).toEqual(["ins-mine"]);
  });

  it("lists without the filter when the server rejects it", async () => {
    const api = new FakeVmApi();
    Object.assign(api.add("ins-mine", "RUNNING").info, tagged("p/s/web"));
    const real = api.describeInstances.bind(api);
    api.describeInstances = async (req: Record<string, unknown>) => {
      if (req.tags) throw apiError("DescribeInstances", "INVALID_PARAMETER", 400);
      return real(req);
    };
    expect((await findByOwner(api, "p/s/web")).map((i) => i.instanceId)).toEqual(["ins-mine"]);
  });
});
