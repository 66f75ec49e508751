"""The sit-less coach's scheduler and statistics, driven by a fake clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.coach import (
    Action,
    Activity,
    Answer,
    Coach,
    CoachEvent,
    CoachSettings,
    Event,
    Idle,
    Locked,
    Prompt,
    Record,
    Refused,
    Resumed,
    Tick,
    Unlocked,
    day_stats,
    exposure_profile,
    pick_exercise,
)
from psoas.knowledge import default_knowledge_base

MONDAY = date(2026, 11, 23)
SATURDAY = date(2026, 11, 28)
DEFAULTS = CoachSettings()


def at(hhmm: str, day: date = MONDAY) -> datetime:
    """A naive datetime on `day` at "HH:MM" (or "HH:MM:SS")."""
    return datetime.combine(day, time.fromisoformat(hhmm))


class Sim:
    """Runs a coach like the runner does: sleeping until next_wakeup between events."""

    def __init__(self, start: datetime, coach_settings: CoachSettings = DEFAULTS):
        self.coach = Coach(coach_settings, start=start)
        self.now = start
        self.actions: list[Action] = []
        self.promised: list[datetime] = []  # next_wakeup before each tick

    def run_until(self, end: datetime) -> None:
        while True:
            wake = self.coach.next_wakeup()
            if wake is None or wake > end:
                break
            assert wake >= self.now, "next_wakeup went back in time"
            self.promised.append(wake)
            self.now = wake
            self.actions += self.coach.handle(Tick(wake))
        self.now = end

    def send(self, event: Event) -> list[Action]:
        self.run_until(event.now)
        got = self.coach.handle(event)
        self.actions += got
        return got

    def wake(self, event: Resumed) -> list[Action]:
        """Deliver a wake-up: the runner was suspended, so nothing ticked meanwhile."""
        got = self.coach.handle(event)
        self.actions += got
        self.now = event.now
        return got

    @property
    def prompts(self) -> list[Prompt]:
        return [a for a in self.actions if isinstance(a, Prompt)]

    def records(self, kind: str) -> list[CoachEvent]:
        return [
            a.event
            for a in self.actions
            if isinstance(a, Record) and a.event.kind == kind
        ]


def times(prompts: Sequence[Prompt]) -> list[str]:
    return [
        p.at.strftime("%H:%M") + ("L" if p.break_kind == "long" else "")
        for p in prompts
    ]


def run_day_answering(sim: Sim, events: Sequence[Event], end: datetime) -> None:
    """Feed `events`, answering every prompt 'done' one minute after it appears."""
    queue = sorted(events, key=lambda e: e.now)
    while True:
        wake = sim.coach.next_wakeup()
        nxt = queue[0].now if queue else end
        if wake is not None and wake <= nxt and wake <= end:
            sim.now = wake
            got = sim.coach.handle(Tick(wake))
            sim.actions += got
            if any(isinstance(a, Prompt) for a in got):
                queue.append(Answer(wake + timedelta(minutes=1), "done"))
                queue.sort(key=lambda e: e.now)
            continue
        if not queue:
            break
        event = queue.pop(0)
        sim.now = event.now
        sim.actions += sim.coach.handle(event)


# -- a plain day -------------------------------------------------------------------


def test_an_unbroken_morning_prompts_every_30_minutes_and_the_4th_is_long() -> None:
    sim = Sim(at("09:00"))
    sim.run_until(at("11:59"))
    assert times(sim.prompts) == ["09:30", "10:00", "10:30", "11:00L", "11:30"]
    assert [p.exercise_id for p in sim.prompts][:3] == [
        "desk_standing_hip_flexor_stretch",
        "seated_pelvic_tilt",
        "sit_to_stand",
    ]
    assert sim.prompts[3].exercise_id == "walking_break"
    assert sim.prompts[3].seconds == 5 * 60
    assert sim.prompts[0].seconds == 60


def test_next_wakeup_is_exactly_the_time_of_the_next_prompt() -> None:
    sim = Sim(at("09:00"))
    sim.run_until(at("17:30"))
    assert [p.at for p in sim.prompts] == sim.promised
    assert len(sim.prompts) == 16  # 9:30 ... 17:00, none at 17:30 (work has ended)
    assert sim.prompts[-1].at == at("17:00")


def test_ticks_before_the_due_time_fire_nothing() -> None:
    coach = Coach(DEFAULTS, start=at("09:00"))
    for minute in range(29):
        assert (
            coach.handle(Tick(at("09:00") + timedelta(minutes=minute, seconds=59)))
            == []
        )
    assert coach.next_wakeup() == at("09:30")


def test_three_ignored_prompts_in_a_row_make_the_next_one_escalated() -> None:
    sim = Sim(at("09:00"))
    sim.run_until(at("11:00"))
    assert [p.escalated for p in sim.prompts] == [False, False, False, True]
    assert len(sim.records("ignored")) == 3
    assert [e.at for e in sim.records("escalated")] == [at("11:00")]


def test_an_answer_ends_the_run_of_ignored_prompts() -> None:
    sim = Sim(at("09:00"))
    sim.run_until(at("10:30"))
    sim.send(Answer(at("10:31"), "done"))
    sim.run_until(at("12:00"))
    assert not any(p.escalated for p in sim.prompts)
    assert len(sim.records("done")) == 1


# -- the simulated workday -----------------------------------------------------------


def test_workday_with_a_meeting_and_a_lunch_prompts_at_exact_times() -> None:
    sim = Sim(at("09:00"))
    run_day_answering(
        sim,
        [
            Idle(
                at("10:41"), since=at("10:40")
            ),  # a one-hour meeting away from the desk
            Activity(at("11:40")),
            Locked(at("12:30")),  # lunch, screen locked
            Unlocked(at("13:15")),
        ],
        end=at("18:00"),
    )
    assert times(sim.prompts) == [
        "09:30", "10:00", "10:30",
        "12:10",  # 30 minutes after coming back from the meeting, not at 11:40
        "13:45", "14:15", "14:45", "15:15L",  # 30 minutes after lunch, not at 13:15
        "15:45", "16:15", "16:45", "17:15L",
    ]  # fmt: skip
    idle = sim.records("idle_break")
    assert [(e.at, e.break_kind, e.reason) for e in idle] == [
        (at("11:40"), "long", "away 60 min"),
        (at("13:15"), "long", "away 45 min"),
    ]
    assert len(sim.records("done")) == 12
    assert sim.records("ignored") == []


def test_idle_shorter_than_a_break_pauses_the_clock_without_counting_a_break() -> None:
    sim = Sim(at("09:00"))
    sim.send(Idle(at("09:10:30"), since=at("09:10")))
    sim.send(Activity(at("09:10:40")))  # 40 s away: less than the 60 s micro-break
    sim.run_until(at("09:45"))
    assert sim.records("idle_break") == []
    assert [p.at for p in sim.prompts] == [at("09:30:40")]


def test_idle_as_long_as_a_micro_break_counts_as_one() -> None:
    sim = Sim(at("09:00"))
    sim.send(Idle(at("09:20:30"), since=at("09:20")))
    sim.send(Activity(at("09:22")))
    sim.run_until(at("10:00"))
    assert [(e.at, e.break_kind) for e in sim.records("idle_break")] == [
        (at("09:22"), "micro")
    ]
    assert [p.at for p in sim.prompts] == [at("09:52")]


def test_a_prompt_left_while_away_is_not_counted_as_ignored() -> None:
    sim = Sim(at("09:00"))
    sim.run_until(at("09:30"))
    sim.send(Locked(at("09:31")))
    sim.send(Unlocked(at("09:40")))
    sim.run_until(at("10:30"))
    assert sim.records("ignored") == []
    assert sim.records("idle_break")[0].exercise_id == sim.prompts[0].exercise_id


def test_time_away_outside_working_hours_is_not_recorded_as_a_break() -> None:
    sim = Sim(at("17:00"))
    sim.send(Locked(at("17:40")))
    sim.send(Unlocked(at("19:00")))
    assert sim.records("idle_break") == []


def test_nothing_fires_while_the_screen_is_locked() -> None:
    coach = Coach(DEFAULTS, start=at("09:00"))
    coach.handle(Locked(at("09:10")))
    assert coach.next_wakeup() is None
    assert coach.handle(Tick(at("12:00"))) == []


# -- sleep and resume ----------------------------------------------------------------


def test_two_hours_asleep_count_as_a_break_and_fire_nothing_on_waking() -> None:
    sim = Sim(at("09:00"))
    sim.run_until(at("10:10"))
    woke = sim.wake(Resumed(at("12:10"), slept_since=at("10:10")))
    assert not any(isinstance(a, Prompt) for a in woke)
    sim.run_until(at("13:00"))
    assert times(sim.prompts) == ["09:30", "10:00", "12:40"]


def test_a_missed_sleep_never_releases_a_burst_of_prompts() -> None:
    # the runner slept through two hours without noticing: one tick, long after
    coach = Coach(DEFAULTS, start=at("09:00"))
    got = coach.handle(Tick(at("11:10")))
    assert len([a for a in got if isinstance(a, Prompt)]) == 1
    assert coach.next_wakeup() == at("11:40")


def test_a_short_sleep_releases_at_most_the_one_prompt_still_due() -> None:
    coach = Coach(DEFAULTS, start=at("09:00"))
    got = coach.handle(Resumed(at("09:40"), slept_since=at("09:39:30")))
    prompts = [a for a in got if isinstance(a, Prompt)]
    assert len(prompts) == 1  # 30 s asleep is no break; 39.5 min of sitting is due
    assert coach.next_wakeup() == at("10:10")


def test_waking_outside_working_hours_fires_nothing() -> None:
    coach = Coach(DEFAULTS, start=at("16:00"))
    got = coach.handle(Resumed(at("19:00"), slept_since=at("16:29")))
    assert not any(isinstance(a, Prompt) for a in got)
    assert coach.next_wakeup() == at("09:30", MONDAY + timedelta(days=1))


# -- answers ---------------------------------------------------------------------------


def test_postponing_re_offers_the_same_break_and_is_limited_per_day() -> None:
    sim = Sim(at("09:00"))
    sim.run_until(at("09:30"))
    for minute in ("09:31", "09:42", "09:53"):
        got = sim.send(Answer(at(minute), "postponed"))
        assert [a.event.kind for a in got if isinstance(a, Record)] == ["postponed"]
    sim.run_until(at("10:04"))
    assert times(sim.prompts) == ["09:30", "09:41", "09:52", "10:03"]
    assert [p.repeat for p in sim.prompts] == [False, True, True, True]
    assert len({p.exercise_id for p in sim.prompts}) == 1
    refused = sim.send(Answer(at("10:04"), "postponed"))
    assert len(refused) == 1
    assert isinstance(refused[0], Refused)
    assert "3 times" in refused[0].reason
    assert sim.coach.postpones_left == 0


def test_the_postpone_limit_starts_again_the_next_day() -> None:
    limited = CoachSettings(max_postpones_per_day=1)
    coach = Coach(limited, start=at("09:00"))
    coach.handle(Tick(at("09:30")))
    assert not isinstance(coach.handle(Answer(at("09:31"), "postponed"))[0], Refused)
    coach.handle(Tick(at("09:41")))
    assert isinstance(coach.handle(Answer(at("09:42"), "postponed"))[0], Refused)
    tuesday = MONDAY + timedelta(days=1)
    coach.handle(Tick(at("09:30", tuesday)))
    assert coach.postpones_left == 1
    assert not isinstance(
        coach.handle(Answer(at("09:31", tuesday), "postponed"))[0], Refused
    )


def test_a_skip_is_recorded_with_its_reason_and_not_as_ignored() -> None:
    sim = Sim(at("09:00"))
    sim.run_until(at("09:30"))
    sim.send(Answer(at("09:31"), "skipped", reason="in a call"))
    sim.run_until(at("10:00"))
    skipped = sim.records("skipped")
    assert [(e.reason, e.break_kind) for e in skipped] == [("in a call", "micro")]
    assert skipped[0].exercise_id == sim.prompts[0].exercise_id
    assert sim.records("ignored") == []
    assert times(sim.prompts) == ["09:30", "10:00"]


def test_an_answer_without_a_waiting_break_is_refused() -> None:
    coach = Coach(DEFAULTS, start=at("09:00"))
    for kind in ("done", "skipped", "postponed"):
        got = coach.handle(Answer(at("09:05"), kind))  # type: ignore[arg-type]
        assert len(got) == 1
        assert isinstance(got[0], Refused)


def test_i_just_took_a_break_restarts_the_clock_and_is_counted() -> None:
    sim = Sim(at("09:00"))
    got = sim.send(Answer(at("09:20"), "self_break"))
    assert [a.event.kind for a in got if isinstance(a, Record)] == ["self_break"]
    sim.run_until(at("10:30"))
    assert times(sim.prompts) == ["09:50", "10:20"]


# -- working hours ---------------------------------------------------------------------


def test_nothing_fires_on_a_weekend() -> None:
    sim = Sim(at("08:00", SATURDAY))
    sim.run_until(at("20:00", SATURDAY + timedelta(days=1)))
    assert sim.prompts == []
    assert sim.coach.next_wakeup() == at("09:30", SATURDAY + timedelta(days=2))


def test_nothing_fires_before_work_and_the_first_prompt_is_30_minutes_in() -> None:
    sim = Sim(at("06:00"))
    sim.run_until(at("09:45"))
    assert times(sim.prompts) == ["09:30"]


def test_after_work_the_next_prompt_is_tomorrow_morning() -> None:
    coach = Coach(DEFAULTS, start=at("17:10"))
    assert coach.next_wakeup() == at("09:30", MONDAY + timedelta(days=1))
    assert coach.handle(Tick(at("23:00"))) == []


def test_custom_hours_and_interval_are_respected() -> None:
    custom = CoachSettings(
        micro_every_min=45, work_start=time(13, 0), work_end=time(15, 0),
        work_days=frozenset({5}),
    )  # fmt: skip
    sim = Sim(at("12:00", SATURDAY), custom)
    sim.run_until(at("16:00", SATURDAY))
    assert times(sim.prompts) == ["13:45", "14:30"]


def test_timezone_aware_clocks_work() -> None:
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    coach = Coach(DEFAULTS, start=start)
    assert coach.next_wakeup() == start + timedelta(minutes=30)


def test_settings_reject_an_impossible_working_day() -> None:
    with pytest.raises(ValueError, match="work_start"):
        CoachSettings(work_start=time(18), work_end=time(9))
    with pytest.raises(ValueError, match="micro_s"):
        CoachSettings(micro_s=120)


def test_an_unknown_event_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown"):
        CoachEvent(at=at("09:00"), kind="nap")


# -- property: whatever happens, the rules hold ----------------------------------------

_event_kinds = st.sampled_from(
    ["tick", "idle", "active", "lock", "unlock", "resume", "done", "skip", "postpone",
     "self"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    steps=st.lists(
        st.tuples(st.integers(min_value=0, max_value=200), _event_kinds), max_size=60
    ),
    every=st.integers(min_value=5, max_value=60),
    postpone=st.integers(min_value=1, max_value=30),
)
def test_prompts_respect_the_minimum_gap_and_working_hours(
    steps: list[tuple[int, str]], every: int, postpone: int
) -> None:
    rules = CoachSettings(micro_every_min=every, postpone_min=postpone)
    start = at("08:00")
    sim = Sim(start, rules)
    now = start
    for gap, kind in steps:
        now += timedelta(minutes=gap)
        event: Event = {
            "tick": Tick(now),
            "idle": Idle(now, since=now - timedelta(minutes=gap // 2)),
            "active": Activity(now),
            "lock": Locked(now),
            "unlock": Unlocked(now),
            "resume": Resumed(now, slept_since=now - timedelta(minutes=gap // 3)),
            "done": Answer(now, "done"),
            "skip": Answer(now, "skipped", reason="busy"),
            "postpone": Answer(now, "postponed"),
            "self": Answer(now, "self_break"),
        }[kind]
        sim.send(event)
    prompt_times = [p.at for p in sim.prompts]
    assert all(rules.is_working(t) for t in prompt_times)
    minimum = timedelta(minutes=min(every, postpone))
    for earlier, later in pairwise(prompt_times):
        assert later - earlier >= minimum
    assert len([r for r in sim.records("postponed") if r.at.date() == MONDAY]) <= 3


# -- exercise choice ---------------------------------------------------------------------


def test_pick_rotates_through_desk_exercises_of_the_program_first() -> None:
    kb = default_knowledge_base()
    program = ["glute_bridge", "sit_to_stand", "walking_break"]
    picks = [pick_exercise(kb, program, n=n) for n in range(4)]
    assert picks == ["sit_to_stand", "walking_break", "sit_to_stand", "walking_break"]


def test_pick_uses_all_desk_exercises_when_the_program_has_none() -> None:
    kb = default_knowledge_base()
    picks = {pick_exercise(kb, ["glute_bridge"], n=n) for n in range(8)}
    assert picks == {
        "desk_standing_hip_flexor_stretch",
        "seated_pelvic_tilt",
        "sit_to_stand",
        "walking_break",
    }


# -- statistics -----------------------------------------------------------------------


def test_day_stats_of_the_simulated_workday() -> None:
    sim = Sim(at("09:00"))
    run_day_answering(
        sim,
        [Idle(at("10:41"), since=at("10:40")), Activity(at("11:40"))],
        end=at("12:30"),
    )
    events = [a.event for a in sim.actions if isinstance(a, Record)]
    stats = day_stats(events, MONDAY, DEFAULTS)
    # first prompt 09:30 → coverage from 09:00; last event: done at 12:11
    assert stats.sitting_minutes_covered == pytest.approx(191)
    assert stats.prompts == 4
    assert stats.exercises_done == 4
    assert stats.idle_breaks == 1
    assert stats.longest_sitting_min == pytest.approx(31)  # 09:00 → done at 09:31
    # the hour-long meeting (10:40–11:40) ends a stretch instead of extending one
    assert stats.breaks_per_sitting_hour == pytest.approx(5 / (191 / 60))
    profile = exposure_profile([stats, day_stats(events, SATURDAY, DEFAULTS)])
    assert profile == {
        "sitting_hours_per_day": round(191 / 60, 2),
        "longest_sitting_bout_minutes": 31.0,
    }


def test_day_stats_count_skips_postpones_and_self_breaks() -> None:
    events = [
        CoachEvent(at("09:30"), "prompt", "micro", "sit_to_stand"),
        CoachEvent(at("09:31"), "postponed", "micro", "sit_to_stand"),
        CoachEvent(at("09:41"), "prompt", "micro", "sit_to_stand"),
        CoachEvent(at("09:42"), "skipped", "micro", "sit_to_stand", "busy"),
        CoachEvent(at("11:00"), "self_break"),
    ]
    stats = day_stats(events, MONDAY, DEFAULTS)
    assert (stats.prompts, stats.postponed, stats.skipped, stats.self_breaks) == (
        2, 1, 1, 1,
    )  # fmt: skip
    assert stats.exercises_done == 0
    assert stats.longest_sitting_min == pytest.approx(120)  # 09:00 → 11:00


def test_no_events_means_empty_stats_and_no_profile() -> None:
    stats = day_stats([], MONDAY, DEFAULTS)
    assert stats.sitting_minutes_covered == 0
    assert stats.breaks_per_sitting_hour == 0
    assert exposure_profile([stats]) == {}
