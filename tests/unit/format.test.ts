import { describe, expect, it } from "vitest";
import { formatPartialDate, segmentLabel } from "@/lib/domain/words";

describe("segmentLabel", () => {
  it("keeps acronyms and hyphenated names readable", () => {
    expect(segmentLabel("ai-platform")).toBe("AI platform");
    expect(segmentLabel("e-commerce")).toBe("E-commerce");
    expect(segmentLabel("llm")).toBe("Large models");
    expect(segmentLabel("video-generation")).toBe("Video generation");
    expect(segmentLabel("smart-cockpit")).toBe("Smart cockpit");
  });
});

describe("formatPartialDate", () => {
  it("shows the precision the source gave, with its qualifier", () => {
    expect(formatPartialDate("2025")).toBe("2025");
    expect(formatPartialDate("2025-02")).toBe("Feb 2025");
    expect(formatPartialDate("2025-02-24")).toBe("24 Feb 2025");
    expect(formatPartialDate("2023", "on-or-after")).toBe("2023 or later");
    expect(formatPartialDate("2025", "about")).toBe("c. 2025");
    expect(formatPartialDate(null)).toBe("Date not given");
  });
});
