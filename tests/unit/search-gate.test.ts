import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSearchGate, isSearchRequest, searchGateOptions } from "@/lib/http/search-gate";

// Lets the promise callbacks of admitted searches run.
const settle = () => vi.advanceTimersByTimeAsync(0);

describe("search gate", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("lets a search start at once when nothing else is in flight", async () => {
    const gate = createSearchGate({ capMs: 250, searchSlots: 1 });
    const started = vi.fn();
    void gate.admitSearch().then(started);
    await settle();
    expect(started).toHaveBeenCalledWith(expect.objectContaining({ waitedOut: false }));
  });

  it("holds a search while another request is in flight and lets it go when that one ends", async () => {
    const gate = createSearchGate({ capMs: 250, searchSlots: 1 });
    const otherDone = gate.otherStarted();
    const started = vi.fn();
    void gate.admitSearch().then(started);
    await vi.advanceTimersByTimeAsync(100);
    expect(started).not.toHaveBeenCalled();
    expect(gate.state()).toEqual({ others: 1, searches: 0, waiting: 1 });
    otherDone();
    await settle();
    expect(started).toHaveBeenCalledWith(expect.objectContaining({ waitedOut: false }));
    expect(gate.state()).toEqual({ others: 0, searches: 1, waiting: 0 });
  });

  it("never holds a search longer than its cap, however long the other request takes", async () => {
    const gate = createSearchGate({ capMs: 250, searchSlots: 1 });
    gate.otherStarted();
    const started = vi.fn();
    void gate.admitSearch().then(started);
    await vi.advanceTimersByTimeAsync(249);
    expect(started).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toHaveBeenCalledWith(expect.objectContaining({ waitedOut: true }));
    expect(gate.state().waiting).toBe(0);
  });

  it("lets waiting searches through in the order they came, one slot at a time", async () => {
    const gate = createSearchGate({ capMs: 1000, searchSlots: 1 });
    const otherDone = gate.otherStarted();
    const order: number[] = [];
    const dones: (() => void)[] = [];
    for (const n of [1, 2, 3]) {
      void gate.admitSearch().then(({ done }) => {
        order.push(n);
        dones.push(done);
      });
    }
    otherDone();
    await settle();
    expect(order).toEqual([1]);
    dones[0]!();
    await settle();
    expect(order).toEqual([1, 2]);
    dones[1]!();
    dones[1]!(); // a second call must not free a second slot
    await settle();
    expect(order).toEqual([1, 2, 3]);
    expect(gate.state()).toEqual({ others: 0, searches: 1, waiting: 0 });
  });

  it("searches past their cap go in the order they came too", async () => {
    const gate = createSearchGate({ capMs: 200, searchSlots: 1 });
    gate.otherStarted();
    const order: number[] = [];
    void gate.admitSearch().then(() => order.push(1));
    await vi.advanceTimersByTimeAsync(50);
    void gate.admitSearch().then(() => order.push(2));
    await vi.advanceTimersByTimeAsync(150);
    expect(order).toEqual([1]);
    await vi.advanceTimersByTimeAsync(50);
    expect(order).toEqual([1, 2]);
  });

  it("a new search waits behind those already waiting, and other requests never wait", async () => {
    const gate = createSearchGate({ capMs: 1000, searchSlots: 2 });
    const first = await gate.admitSearch();
    expect(first.waitedOut).toBe(false);
    // One slot is still free, but another request is in flight: the search waits.
    const otherDone = gate.otherStarted();
    const started = vi.fn();
    void gate.admitSearch().then(started);
    await settle();
    expect(started).not.toHaveBeenCalled();
    expect(gate.state()).toEqual({ others: 1, searches: 1, waiting: 1 });
    otherDone();
    await settle();
    expect(started).toHaveBeenCalled();
  });

  it("with a cap of 0 the gate is off", async () => {
    const gate = createSearchGate({ capMs: 0, searchSlots: 1 });
    gate.otherStarted();
    await gate.admitSearch();
    const second = await gate.admitSearch();
    expect(second.waitedOut).toBe(false);
    expect(gate.state()).toEqual({ others: 1, searches: 2, waiting: 0 });
  });
});

describe("isSearchRequest", () => {
  it("is the search page only, with or without a query", () => {
    expect(isSearchRequest("/search")).toBe(true);
    expect(isSearchRequest("/search?q=unitree")).toBe(true);
    expect(isSearchRequest("/search#x")).toBe(true);
    expect(isSearchRequest("/searches")).toBe(false);
    expect(isSearchRequest("/api/v1/search?q=x")).toBe(false);
    expect(isSearchRequest("/capex?q=/search")).toBe(false);
    expect(isSearchRequest(undefined)).toBe(false);
  });
});

describe("searchGateOptions", () => {
  it("reads whole numbers and keeps the defaults otherwise", () => {
    expect(searchGateOptions({})).toEqual({ capMs: 250, searchSlots: 1 });
    expect(searchGateOptions({ SEARCH_YIELD_MS: "0", SEARCH_YIELD_SLOTS: "3" })).toEqual({ capMs: 0, searchSlots: 3 });
    expect(searchGateOptions({ SEARCH_YIELD_MS: "-5", SEARCH_YIELD_SLOTS: "x" })).toEqual({ capMs: 250, searchSlots: 1 });
    expect(searchGateOptions({ SEARCH_YIELD_SLOTS: "0" })).toEqual({ capMs: 250, searchSlots: 1 });
  });
});
