import { describe, expect, it } from "vitest";
import { NO_QUEUE_FILTERS, parseQueueFilters, queueHref } from "@/lib/review/queue-filters";

const USER = "6f1d2c3b-4a59-4e8d-8c7b-6a5f4e3d2c1b";

describe("the queue's filters in the URL", () => {
  it("reads every filter and writes the same URL back", () => {
    const { filters, notes } = parseQueueFilters({ provider: "didit", risk: "POSSIBLE_FRAUD", age: "over_7d", assignee: "mine" });
    expect(notes).toEqual([]);
    expect(filters).toEqual({ provider: "didit", risk: { code: "POSSIBLE_FRAUD" }, age: "over_7d", assignee: "mine" });
    expect(queueHref(filters)).toBe("/queue?provider=didit&risk=POSSIBLE_FRAUD&age=over_7d&assignee=mine");
    expect(parseQueueFilters({ risk: "failed", assignee: USER.toUpperCase() }).filters).toEqual({ ...NO_QUEUE_FILTERS, risk: "failed", assignee: { userId: USER } });
    expect(queueHref(parseQueueFilters({ assignee: "unassigned", provider: "" }).filters)).toBe("/queue?assignee=unassigned");
    expect(queueHref(NO_QUEUE_FILTERS)).toBe("/queue");
  });

  it("drops what it cannot use, with a note, and still opens the queue", () => {
    const { filters, notes } = parseQueueFilters({ provider: "acme", risk: "<script>", age: "ancient", assignee: "bob" });
    expect(filters).toEqual(NO_QUEUE_FILTERS);
    expect(notes).toHaveLength(4);
  });
});
