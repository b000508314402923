// The explanation of a failing interleaving is the one sentence a learner
// reads to understand a lost update; in Chinese it must say the same thing.
import { describe, expect, it } from "vitest";
import { ENGLISH_PHRASES } from "../../session/explain-failure";
import { explainPhrases, searchWords, stepRefusalText, stepText } from "./explain-words";
import { STEP_REFUSALS } from "../step-mode";

describe("controlled runs in words", () => {
  it("translates the runtime's step verbs and keeps the names the code uses", () => {
    expect(stepText("read counter", "zh")).toBe("读 counter");
    expect(stepText("wait for done", "zh")).toBe("等待 done");
    expect(stepText("start a thread", "zh")).toBe("启动线程");
    expect(stepText("reader.x", "zh")).toBe("reader.x");
    expect(stepText("read counter", "en")).toBe("read counter");
  });

  it("words a lost update in Chinese as the English sentence does", () => {
    const zh = explainPhrases("zh");
    const switchText = zh.between("Thread-2", "Thread-1", zh.step("read counter", 5), zh.step("write counter", 5));
    expect(zh.preemptions(zh.fails("assert failed"), 1, [switchText], 0)).toBe(
      "这个程序在 1 次抢占后出错（assert failed）：Thread-2 在 Thread-1 的“读 counter”（第 5 行）与“写 counter”（第 5 行）之间运行。",
    );
    expect(explainPhrases("en")).toBe(ENGLISH_PHRASES);
  });

  it("says how many schedules a search that found nothing ran, and whether that was all", () => {
    expect(searchWords("en").none(6, true)).toBe("No failing interleaving in 6 schedules (all of them: no interleaving of this program fails).");
    expect(searchWords("en").none(1, false)).toContain("1 schedule (not all of them");
    expect(searchWords("zh").none(2000, false)).toContain("2,000 种调度");
  });

  it("says each refusal of a step in Chinese, with the names and the blocked step's words", () => {
    const refusals = [
      STEP_REFUSALS.ended,
      STEP_REFUSALS.noThread("Nope", ["MainThread", "Thread-1"]),
      STEP_REFUSALS.cannot("Thread-1", "ended"),
      STEP_REFUSALS.cannot("Thread-1", "sleeping"),
      STEP_REFUSALS.cannot("MainThread", "blocked", "join Thread-1"),
      STEP_REFUSALS.cannot("MainThread", "blocked"),
      STEP_REFUSALS.notStarted,
      STEP_REFUSALS.diverged,
    ];
    for (const message of refusals) {
      const zh = stepRefusalText(message, "zh");
      // (Latin words left: thread names, the API's stepStart, and the code's names.)
      expect(zh.replace(/MainThread|Thread-1|Nope|stepStart|join/g, "").match(/[A-Za-z]{2,}/g), zh).toBeNull();
      expect(stepRefusalText(message, "en")).toBe(message);
    }
    expect(stepRefusalText(STEP_REFUSALS.cannot("MainThread", "blocked", "acquire lockA"), "zh")).toBe("MainThread 无法走下一步：它被阻塞了（获取 lockA）");
    expect(stepRefusalText("ZeroDivisionError: division by zero", "zh")).toBe("ZeroDivisionError: division by zero");
  });
});
