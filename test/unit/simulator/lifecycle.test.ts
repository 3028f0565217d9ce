import { DEFAULT_DURATIONS, compact, isTransitional, planFrom, planHold, statusAt } from "../../../simulator/model/lifecycle";

const d = { ...DEFAULT_DURATIONS, pendingMs: 10, deployingMs: 20, recyclingMs: 5, recycleRetentionMs: 100, stoppingMs: 7, releasingMs: 3 };

describe("instance timelines", () => {
  it("plans PENDING → DEPLOYING → RUNNING with absolute deadlines", () => {
    const t = planFrom("PENDING", 1000, d);
    expect(t).toEqual({ phases: [{ status: "PENDING", until: 1010 }, { status: "DEPLOYING", until: 1030 }], rest: "RUNNING" });
    expect([1000, 1009, 1010, 1029, 1030].map((now) => statusAt(t, now))).toEqual(["PENDING", "PENDING", "DEPLOYING", "DEPLOYING", "RUNNING"]);
  });

  it("ends a failed create in CREATE_FAILED right after PENDING", () => {
    const t = planFrom("PENDING", 0, d, { PENDING: "CREATE_FAILED" });
    expect(statusAt(t, 9)).toBe("PENDING");
    expect(statusAt(t, 10)).toBe("CREATE_FAILED");
  });

  it("takes a terminated instance through RECYCLING and RECYCLE to gone after the retention", () => {
    const t = planFrom("RECYCLING", 0, d);
    expect([0, 5, 104, 105].map((now) => statusAt(t, now))).toEqual(["RECYCLING", "RECYCLE", "RECYCLE", null]);
  });

  it("releases through RELEASING to gone", () => {
    expect(statusAt(planFrom("RELEASING", 0, d), 3)).toBeNull();
  });

  it("keeps stable statuses with no phases", () => {
    expect(planFrom("STOPPED", 0, d)).toEqual({ phases: [], rest: "STOPPED" });
    expect(isTransitional("RUNNING")).toBe(false);
    expect(isTransitional("IMAGING")).toBe(true);
  });

  it("holds a status, then continues naturally from the `then` status", () => {
    const t = planHold("DEPLOYING", 50, "STOPPING", 0, d);
    expect([49, 50, 57].map((now) => statusAt(t, now))).toEqual(["DEPLOYING", "STOPPING", "STOPPED"]);
  });

  it("compacts away phases that are over without changing the status", () => {
    const t = planFrom("PENDING", 0, d);
    expect(compact(t, 15)).toEqual({ phases: [{ status: "DEPLOYING", until: 30 }], rest: "RUNNING" });
    expect(statusAt(compact(t, 15), 15)).toBe(statusAt(t, 15));
  });
});
