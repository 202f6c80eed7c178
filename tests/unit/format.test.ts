import { describe, expect, it } from "vitest";
import { formatPartialDate, segmentLabel, shortPeriod } from "@/lib/domain/words";

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

describe("shortPeriod", () => {
  it("names years, quarters and month ranges", () => {
    expect(shortPeriod("2025-01-01", "2025-12-31")).toBe("2025");
    expect(shortPeriod("2024-10-01", "2024-12-31")).toBe("Q4 2024");
    expect(shortPeriod("2024-07-01", "2025-06-30")).toBe("Jul 2024 – Jun 2025");
    expect(shortPeriod("2015-01-01", "2024-12-31")).toBe("2015–2024");
    expect(shortPeriod("2025-02-24", "2025-03-10")).toBe("2025-02-24 – 2025-03-10");
  });
});
