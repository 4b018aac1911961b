#include "tools/batch_runner.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace polex::cli {

void run_parallel(const RunnerOptions& options, const std::function<bool(InputItem*)>& next,
                  const std::function<DocOutcome(InputItem&)>& work,
                  const std::function<void(DocOutcome&)>& deliver, const std::function<void()>& idle) {
  const size_t window = std::max<size_t>(options.window, 1);
  std::mutex mutex;
  std::condition_variable has_room;  // producer: in_flight < window
  std::condition_variable has_task;  // workers: a task or the end
  std::condition_variable has_done;  // caller: an outcome or the end
  std::deque<InputItem> tasks;
  std::map<uint64_t, DocOutcome> done;  // by index: the reordering buffer
  size_t in_flight = 0;                  // listed, not yet delivered
  bool listing_over = false;

  std::thread producer([&] {
    for (;;) {
      {
        std::unique_lock lock(mutex);
        has_room.wait(lock, [&] { return in_flight < window; });
      }
      InputItem item;
      bool more = next(&item);
      std::lock_guard lock(mutex);
      if (!more) {
        listing_over = true;
        has_task.notify_all();
        has_done.notify_one();
        return;
      }
      ++in_flight;
      tasks.push_back(std::move(item));
      has_task.notify_one();
    }
  });

  auto worker = [&] {
    for (;;) {
      InputItem item;
      {
        std::unique_lock lock(mutex);
        has_task.wait(lock, [&] { return !tasks.empty() || listing_over; });
        if (tasks.empty()) return;
        item = std::move(tasks.front());
        tasks.pop_front();
      }
      DocOutcome outcome;
      try {
        outcome = work(item);
      } catch (const std::exception& e) {
        outcome = DocOutcome{};
        outcome.error = std::string("internal error: ") + e.what();
      } catch (...) {
        outcome = DocOutcome{};
        outcome.error = "internal error";
      }
      outcome.index = item.index;
      if (outcome.id.empty()) outcome.id = item.id;
      if (outcome.source.empty()) outcome.source = item.source;
      std::lock_guard lock(mutex);
      done.emplace(outcome.index, std::move(outcome));
      has_done.notify_one();
    }
  };
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < std::max(options.jobs, 1u); ++i) workers.emplace_back(worker);

  uint64_t next_delivery = 0;
  std::vector<DocOutcome> ready;
  for (;;) {
    ready.clear();
    {
      std::unique_lock lock(mutex);
      auto deliverable = [&] {
        return options.ordered ? !done.empty() && done.begin()->first == next_delivery : !done.empty();
      };
      has_done.wait_for(lock, options.tick, [&] { return deliverable() || (listing_over && in_flight == 0); });
      while (deliverable()) {
        ready.push_back(std::move(done.begin()->second));
        done.erase(done.begin());
        ++next_delivery;
      }
      if (ready.empty() && listing_over && in_flight == 0) break;
    }
    for (DocOutcome& outcome : ready) deliver(outcome);
    if (!ready.empty()) {
      std::lock_guard lock(mutex);
      in_flight -= ready.size();
      has_room.notify_one();
    }
    idle();
  }
  producer.join();
  for (std::thread& t : workers) t.join();
}

}  // namespace polex::cli
