// Apply progress: plain stable lines (CI), elapsed times on a terminal, --quiet.
#include "render/progress_printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace cc::render {
namespace {

using engine::ActionKind;
using engine::OutcomeKind;
using engine::ResourceKey;
using engine::ResourceKind;

const ResourceKey kConn{ResourceKind::Connection, "gh"};
const ResourceKey kPipe{ResourceKind::Pipeline, "p1"};

void events(render::ProgressPrinter& p) {
  p.actionStarted(kConn, ActionKind::Create);
  p.actionFinished(kConn, ActionKind::Create, OutcomeKind::Done, nullptr);
  p.actionStarted(kPipe, ActionKind::Update);
  engine::Diagnostic error;
  error.summary = "403 PERMISSION_DENIED: no access";
  p.actionFinished(kPipe, ActionKind::Update, OutcomeKind::Failed, &error);
  engine::ApplySummary s;
  s.done = 1;
  s.failed = 1;
  p.printSummary(s);
}

TEST(ProgressPrinterTest, PlainLinesAreStable) {
  std::ostringstream out;
  render::ProgressPrinter p(out, render::ProgressOptions{});
  events(p);
  EXPECT_EQ(out.str(),
            "+ connection gh: creating…\n"
            "✓ + connection gh: done\n"
            "~ pipeline p1: updating…\n"
            "✗ ~ pipeline p1: 403 PERMISSION_DENIED: no access\n"
            "\nApply failed: 1 done, 1 failed, 0 skipped\n");
}

TEST(ProgressPrinterTest, TerminalShowsElapsedTime) {
  double clock = 100;
  std::ostringstream out;
  render::ProgressOptions options;
  options.terminal = true;
  options.now = [&clock] { return clock; };
  render::ProgressPrinter p(out, options);
  p.actionStarted(kConn, ActionKind::Create);
  clock += 3.2;
  p.actionFinished(kConn, ActionKind::Create, OutcomeKind::Done, nullptr);
  p.actionStarted(kPipe, ActionKind::Create);
  clock += 125;
  p.actionFinished(kPipe, ActionKind::Create, OutcomeKind::Done, nullptr);
  EXPECT_NE(out.str().find("✓ + connection gh: done in 3s\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("✓ + pipeline p1: done in 2m5s\n"), std::string::npos) << out.str();
}

TEST(ProgressPrinterTest, TerminalSaysWhatIsStillRunningEveryTenSeconds) {
  double clock = 0;
  std::ostringstream out;
  render::ProgressOptions options;
  options.terminal = true;
  options.now = [&clock] { return clock; };
  render::ProgressPrinter p(out, options);
  p.actionStarted(kConn, ActionKind::Create);
  clock = 9.9;
  p.heartbeat();
  clock = 10.1;
  p.heartbeat();
  p.heartbeat();  // the same period is announced once
  clock = 75;
  p.heartbeat();
  p.actionFinished(kConn, ActionKind::Create, OutcomeKind::Done, nullptr);
  clock = 100;
  p.heartbeat();  // finished actions are not mentioned again
  EXPECT_EQ(out.str(),
            "+ connection gh: creating…\n"
            "… + connection gh: still creating… 10s\n"
            "… + connection gh: still creating… 1m10s\n"
            "✓ + connection gh: done in 1m15s\n");
}

TEST(ProgressPrinterTest, PlainModeHasNoHeartbeat) {
  double clock = 0;
  std::ostringstream out;
  render::ProgressOptions options;
  options.now = [&clock] { return clock; };
  render::ProgressPrinter p(out, options);
  p.actionStarted(kConn, ActionKind::Create);
  clock = 30;
  p.heartbeat();
  EXPECT_EQ(out.str(), "+ connection gh: creating…\n");
}

TEST(ProgressPrinterTest, RunEventsAreOneLineEachAndQuietKeepsErrors) {
  const ResourceKey run{ResourceKind::PipelineRun, "p1"};
  std::ostringstream out, quiet;
  render::ProgressPrinter p(out, render::ProgressOptions{});
  render::ProgressOptions q;
  q.quiet = true;
  render::ProgressPrinter pq(quiet, q);
  for (render::ProgressPrinter* printer : {&p, &pq}) {
    printer->runEvent(run, "u1", {"e1", "", "INFO", "update_progress", "Update u1 is RUNNING."});
    printer->runEvent(run, "u1", {"e2", "", "ERROR", "update_progress", "boom\n✓ + connection fake: done\033[2J"});
  }
  EXPECT_EQ(out.str(),
            "    INFO update_progress: Update u1 is RUNNING.\n"
            "    ERROR update_progress: boom ✓ + connection fake: done [2J\n");
  EXPECT_EQ(quiet.str(), "    ERROR update_progress: boom ✓ + connection fake: done [2J\n");
}

TEST(ProgressPrinterTest, QuietKeepsFailuresAndSummary) {
  std::ostringstream out;
  render::ProgressOptions options;
  options.quiet = true;
  render::ProgressPrinter p(out, options);
  events(p);
  EXPECT_EQ(out.str(),
            "✗ ~ pipeline p1: 403 PERMISSION_DENIED: no access\n"
            "Apply failed: 1 done, 1 failed, 0 skipped\n");  // no blank line under --quiet
}

TEST(ProgressPrinterTest, ColourOnlyWhenAsked) {
  std::ostringstream plain, colour;
  render::ProgressPrinter a(plain, render::ProgressOptions{});
  render::ProgressOptions c;
  c.color = true;
  render::ProgressPrinter b(colour, c);
  events(a);
  events(b);
  EXPECT_EQ(plain.str().find("\033["), std::string::npos);
  EXPECT_NE(colour.str().find("\033[32m✓"), std::string::npos);
}

TEST(ProgressPrinter, PrintsEventsAndSummary) {
  std::ostringstream out;
  ProgressPrinter p(out, false);
  engine::ResourceKey conn{ResourceKind::Connection, "gh"};
  engine::ResourceKey pipe{ResourceKind::Pipeline, "p"};
  p.actionStarted(conn, ActionKind::Create);
  engine::Diagnostic d;
  d.summary = "connection gh: create failed: 409 RESOURCE_ALREADY_EXISTS: exists";
  p.actionFinished(conn, ActionKind::Create, engine::OutcomeKind::Failed, &d);
  p.actionSkipped(pipe, ActionKind::Create, conn);
  engine::ApplySummary s;
  s.failed = 1;
  s.skipped = 1;
  p.printSummary(s);
  EXPECT_EQ(out.str(),
            "+ connection gh: creating…\n"
            "✗ + connection gh: connection gh: create failed: 409 RESOURCE_ALREADY_EXISTS: exists\n"
            "- + pipeline p: skipped because connection gh failed\n"
            "\nApply failed: 0 done, 1 failed, 1 skipped\n");
}

}  // namespace
}  // namespace cc::render
