#!/usr/bin/env python3
"""Write the synthetic service-desk exports of this folder, and expected.json.

Every file imitates the shape of a real export (see README.md); all values are made up.
Standard library only, deterministic: each file has its own random.Random(seed), nothing
depends on the clock, the locale or hash order, so every run writes byte-identical files.

    python3 make.py            # writes the CSV files and expected.json next to this script
"""

import csv
import io
import json
import math
import os
import random
import re
from datetime import date, datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------

WORK_START, WORK_END = 8, 18  # working hours, Monday to Friday

FIRST_NAMES = [
    "Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kavya", "Liam", "Maria", "Nils", "Olivia", "Pedro", "Quinn", "Rosa", "Samir", "Tara",
    "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe", "Aisha", "Bruno", "Chloe", "Diego",
    "Emma", "Felix", "Greta", "Hassan", "Ivy", "Jakub", "Kenji", "Lena", "Mateo", "Nora",
    "Oscar", "Priya", "Ruben", "Sofia", "Tomas", "Ursula", "Vera", "Willem", "Yara", "Zain",
]
LAST_NAMES = [
    "Rossi", "Evans", "Garcia", "Novak", "Schmidt", "Tanaka", "Okafor", "Larsen", "Dubois",
    "Kowalski", "Moreau", "Silva", "Jansen", "Petrov", "Nguyen", "Haddad", "O'Brien", "Fischer",
    "Costa", "Lindqvist", "Murphy", "Bauer", "Sato", "Ibrahim", "Kumar", "Walsh", "de Vries",
    "Rahman", "Bianchi", "Horvat", "Ortega", "Keller", "Berg", "Mendes", "Chen", "Adeyemi",
    "Varga", "Weber", "Yilmaz", "Santos", "Meyer", "Park", "Quispe", "Ferrari", "Lund",
]


def people(rng, n):
    """n distinct made-up person names."""
    out = []
    while len(out) < n:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in out:
            out.append(name)
    return out


def wchoice(rng, pairs):
    """Weighted choice from [(value, weight), ...]."""
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    return rng.choices(values, weights=weights, k=1)[0]


def lmin(rng, median, sigma):
    """A log-normal duration (minutes) with the given median."""
    return median * math.exp(rng.normalvariate(0.0, sigma))


def to_work(dt):
    """The first moment at or after dt inside working hours."""
    while True:
        wd = dt.weekday()
        if wd >= 5:
            dt = datetime(dt.year, dt.month, dt.day, WORK_START) + timedelta(days=7 - wd)
        elif dt.hour < WORK_START:
            return datetime(dt.year, dt.month, dt.day, WORK_START)
        elif dt.hour >= WORK_END:
            dt = datetime(dt.year, dt.month, dt.day, WORK_START) + timedelta(days=1)
        else:
            return dt


def add_work(dt, minutes):
    """dt plus `minutes` of working time (working hours only)."""
    dt = to_work(dt)
    rem = timedelta(seconds=max(1, int(round(minutes * 60))))
    while True:
        eod = datetime(dt.year, dt.month, dt.day, WORK_END)
        if dt + rem < eod:
            return dt + rem
        rem -= eod - dt
        dt = to_work(eod)


def rand_work_time(rng, first_day, n_days):
    """A random moment in working hours on a working day of [first_day, first_day + n_days)."""
    while True:
        d = first_day + timedelta(days=rng.randrange(n_days))
        if d.weekday() < 5:
            break
    minute = int(rng.triangular(0, (WORK_END - WORK_START) * 60 - 1, 150))
    return datetime(d.year, d.month, d.day, WORK_START) + timedelta(minutes=minute, seconds=rng.randrange(60))


def floor_minute(dt):
    return dt.replace(second=0, microsecond=0)


def increasing_minutes(times):
    """Times floored to the minute, made strictly increasing."""
    out = []
    for t in times:
        t = floor_minute(t)
        if out and t <= out[-1]:
            t = floor_minute(add_work(out[-1], 1.0))
            if t <= out[-1]:
                t = out[-1] + timedelta(minutes=1)
        out.append(t)
    return out


def last_sunday(year, month):
    d = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
    while d.weekday() != 6:
        d -= timedelta(days=1)
    return d


def nth_sunday(year, month, n):
    d = date(year, month, 1)
    while d.weekday() != 6:
        d += timedelta(days=1)
    return d + timedelta(days=7 * (n - 1))


def eu_offset_hours(dt):
    """Central European offset (CET/CEST) of a local time on a working day."""
    return 2 if last_sunday(dt.year, 3) <= dt.date() < last_sunday(dt.year, 10) else 1


def us_eastern_offset_hours(dt):
    """US Eastern offset (EST/EDT) of a local time on a working day."""
    return -4 if nth_sunday(dt.year, 3, 2) <= dt.date() < nth_sunday(dt.year, 11, 1) else -5


def offset_text(hours, colon):
    sign = "+" if hours >= 0 else "-"
    return f"{sign}{abs(hours):02d}:00" if colon else f"{sign}{abs(hours):02d}00"


def h12(dt):
    hour = dt.hour % 12 or 12
    return hour, ("AM" if dt.hour < 12 else "PM")


def fmt_ymd_hms(dt):
    return dt.strftime("%Y-%m-%d %H:%M:%S")


def fmt_ymd_hm(dt):
    return dt.strftime("%Y-%m-%d %H:%M")


def normalize_name(name):
    """casemap's header normalisation, for the ASCII field names used here."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name.strip())
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def write_csv(name, header, rows, quoting=csv.QUOTE_MINIMAL):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=quoting)
    writer.writerow(header)
    for row in rows:
        assert len(row) == len(header), (name, row)
        writer.writerow(row)
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def expected(**fields):
    out = {
        "case_id": None,
        "activity": None,
        "timestamp": None,
        "start_time": None,
        "end_time": None,
        "milestones": [],
        "priority": None,
        "team": None,
        "resource": None,
        "channel": None,
        "case_type": None,
        "sla_due": None,
        "cases": 0,
        "events": 0,
        "notes": "",
    }
    out.update(fields)
    return out


def count_distinct(values):
    return len({v for v in values if v not in ("", None)})


# ---------------------------------------------------------------------------------------------
# 1. ServiceNow incident updates (UCI "Incident management process enriched event log")
# ---------------------------------------------------------------------------------------------

def gen_servicenow():
    rng = random.Random(160229)
    name = "servicenow_incident_updates.csv"
    header = (
        "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,"
        "caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,"
        "contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,"
        "assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,"
        "vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at"
    ).split(",")
    export_at = datetime(2016, 6, 24, 12, 0)

    def fmt(dt):
        return f"{dt.day}/{dt.month}/{dt.year} {dt.hour:02d}:{dt.minute:02d}"

    level = [("1 - High", 5), ("2 - Medium", 90), ("3 - Low", 5)]
    prio_of = {
        (1, 1): 1, (1, 2): 2, (2, 1): 2, (1, 3): 3, (2, 2): 3, (3, 1): 3, (2, 3): 4, (3, 2): 4, (3, 3): 4,
    }
    prio_label = {1: "1 - Critical", 2: "2 - High", 3: "3 - Moderate", 4: "4 - Low"}
    sla_minutes = {1: 240, 2: 600, 3: 1500, 4: 3000}
    resolve_median = {1: 90, 2: 200, 3: 360, 4: 480}
    groups = [f"Group {n}" for n in rng.sample(range(1, 80), 24)]
    awaiting = [("Awaiting User Info", 60), ("Awaiting Vendor", 14), ("Awaiting Problem", 10), ("Awaiting Evidence", 16)]

    opened_list = sorted(floor_minute(rand_work_time(rng, date(2016, 2, 29), 116)) for _ in range(130))
    rows = []
    number = 44
    n_collapsed = 0
    open_cases = 0
    for opened in opened_list:
        number += rng.randint(1, 40)
        inc = f"INC{number:07d}"
        impact = wchoice(rng, level)
        urgency = wchoice(rng, level)
        prio = prio_of[(int(impact[0]), int(urgency[0]))]
        caller = f"Caller {rng.randint(1, 5300)}"
        opened_by = f"Opened by  {rng.randint(1, 520)}"  # double space, as in the UCI file
        has_created = rng.random() >= 0.37
        created_by = f"Created by {rng.randint(1, 240)}" if has_created else "?"
        contact = wchoice(rng, [("Phone", 80), ("Email", 8), ("Self service", 8), ("Direct opening", 4)])
        location = f"Location {rng.randint(1, 230)}"
        category = f"Category {rng.randint(1, 60)}"
        subcategory = f"Subcategory {rng.randint(1, 280)}"
        symptom = f"Symptom {rng.randint(1, 600)}" if rng.random() < 0.8 else "?"
        cmdb = f"cmdb_ci {rng.randint(1, 55)}" if rng.random() < 0.03 else "?"
        knowledge = "true" if rng.random() < 0.18 else "false"
        confirms = rng.random() < 0.6
        notify = "Send Email" if rng.random() < 0.01 else "Do Not Notify"
        problem = f"Problem ID  {rng.randint(1, 260)}" if rng.random() < 0.02 else "?"
        rfc = f"CHG{rng.randint(100, 1400):07d}" if rng.random() < 0.01 else "?"
        vendor = f"Vendor {rng.randint(1, 3)}" if rng.random() < 0.005 else "?"
        group_hidden_when_new = rng.random() < 0.3

        # The path of states, as (state, repeats).
        segments = [["New", rng.randint(1, 2)], ["Active", rng.randint(1, 3)]]
        if rng.random() < 0.38:
            segments.append([wchoice(rng, awaiting), rng.randint(1, 2)])
            segments.append(["Active", rng.randint(1, 2)])
        segments.append(["Resolved", 2 if rng.random() < 0.2 else 1])
        reopened = rng.random() < 0.05
        if reopened:
            segments.append(["Active", rng.randint(1, 2)])
            segments.append(["Resolved", 1])
        segments.append(["Closed", 1])
        target = rng.randint(6, 12)
        growable = [i for i, s in enumerate(segments) if s[0] not in ("Resolved", "Closed")]
        while sum(s[1] for s in segments) < target:
            segments[wchoice(rng, [(i, 3 if segments[i][0] == "Active" else 1) for i in growable])][1] += 1
        while sum(s[1] for s in segments) > target:
            shrinkable = [i for i in growable if segments[i][1] > 1]
            if not shrinkable:
                break
            segments[rng.choice(shrinkable)][1] -= 1
        states = [s for s, k in segments for _ in range(k)]

        # Times.
        times = []
        t = add_work(opened, rng.uniform(1, 20))
        prev = None
        resolved_once = False
        for st in states:
            if prev is None:
                pass
            elif st == prev:
                t = add_work(t, lmin(rng, 30, 1.0))
            elif prev == "New":
                t = add_work(t, lmin(rng, 45, 1.0))
            elif st.startswith("Awaiting"):
                t = add_work(t, lmin(rng, 120, 1.0))
            elif prev.startswith("Awaiting"):
                t = add_work(t, lmin(rng, 2400 if prev == "Awaiting Vendor" else 900, 0.9))
            elif st == "Resolved":
                t = add_work(t, lmin(rng, resolve_median[prio] if not resolved_once else 300, 1.1))
            elif prev == "Resolved" and st == "Active":
                t = add_work(t, lmin(rng, 600, 0.8))
            elif st == "Closed":
                # The closure job runs 5 calendar days after the resolution, on the hour.
                t = resolved_start + timedelta(days=5)
                t = t.replace(minute=0, second=0) + timedelta(hours=1)
            else:
                t = add_work(t, lmin(rng, 60, 1.0))
            if st == "Resolved":
                if prev != "Resolved":
                    resolved_start = t
                resolved_once = True
            times.append(t)
            prev = st
        times = increasing_minutes(times)
        keep = [i for i, tt in enumerate(times) if tt <= export_at]
        states = [states[i] for i in keep]
        times = [times[i] for i in keep]
        assert states

        # Assignment: a resolver from the first Active row, reassignments on later Active rows.
        active_rows = [i for i, s in enumerate(states) if s == "Active"]
        reassign_rows = []
        if len(active_rows) > 1:
            r = rng.random()
            k = 2 if r < 0.08 else (1 if r < 0.35 else 0)
            reassign_rows = sorted(rng.sample(active_rows[1:], min(k, len(active_rows) - 1)))
        group = rng.choice(groups)
        resolver = None
        reassignments = 0
        reopens = 0
        sla_due = add_work(opened, sla_minutes[prio])
        first_resolved = next((times[i] for i, s in enumerate(states) if s == "Resolved"), None)
        final = states[-1]
        is_resolved = final in ("Resolved", "Closed")
        resolved_at = "?"
        if is_resolved:
            # The start of the last run of Resolved rows.
            last_res = max(i for i, s in enumerate(states) if s == "Resolved")
            while last_res > 0 and states[last_res - 1] == "Resolved":
                last_res -= 1
            resolved_at = fmt(times[last_res])
        closed_at = fmt(times[-1]) if final == "Closed" else "?"
        if final != "Closed":
            open_cases += 1
        closed_code = f"code {wchoice(rng, [(n, w) for n, w in zip(range(1, 18), [2, 4, 3, 2, 9, 12, 14, 6, 5, 4, 3, 2, 2, 1, 1, 1, 1])])}" if is_resolved else "?"
        resolved_by = f"Resolved by {rng.randint(1, 230)}" if is_resolved else "?"
        created_at = fmt(times[0]) if has_created else "?"

        prev_state = None
        for i, (st, tt) in enumerate(zip(states, times)):
            if st == "Active" and resolver is None:
                resolver = f"Resolver {rng.randint(1, 235)}"
            if i in reassign_rows:
                group = rng.choice([g for g in groups if g != group])
                resolver = f"Resolver {rng.randint(1, 235)}"
                reassignments += 1
            if st == "Active" and prev_state == "Resolved":
                reopens += 1
            if st != prev_state:
                n_collapsed += 1
            made = "false" if (tt > sla_due and (first_resolved is None or first_resolved > sla_due)) else "true"
            shown_group = "?" if (resolver is None and group_hidden_when_new and st == "New") else group
            rows.append([
                inc, st, "false" if st == "Closed" else "true", str(reassignments), str(reopens), str(i), made,
                caller, opened_by, fmt(opened), created_by, created_at, f"Updated by {rng.randint(1, 910)}", fmt(tt),
                contact, location, category, subcategory, symptom, cmdb, impact, urgency, prio_label[prio],
                shown_group, resolver or "?", knowledge, "true" if (confirms and resolver) else "false", notify,
                problem, rfc, vendor, "?", closed_code, resolved_by, resolved_at, closed_at,
            ])
            prev_state = st

    write_csv(name, header, rows)
    exp = expected(
        case_id="number", activity="incident_state", timestamp="sys_updated_at",
        priority="priority", team="assignment_group", resource="assigned_to", channel="contact_type",
        case_type="category", cases=len(opened_list), events=len(rows),
        notes=(
            "One row per update of an incident (sys_mod_count 0,1,2,...); every row has a usable "
            "sys_updated_at, so events = rows. Consecutive rows often keep the same state: if "
            "consecutive equal states are merged (casemap's ServiceNow snapshot rule), the count is "
            "events_if_equal_consecutive_states_merged. opened_at, sys_created_at, resolved_at and "
            "closed_at repeat the same value on every row of an incident: case attributes, not event "
            "times. '?' is the missing value. closed_at is set by an hourly job 5 days after the "
            "resolution (on the hour, may fall on a weekend). Day-first d/m/yyyy without padding."
        ),
    )
    exp.update({
        "rows": len(rows),
        "events_if_equal_consecutive_states_merged": n_collapsed,
        "activities": count_distinct(r[1] for r in rows),
        "resources": count_distinct(r[24] for r in rows if r[24] != "?"),
        "open_cases": open_cases,
        "missing_value": "?",
        "case_attributes": ["opened_at", "sys_created_at", "resolved_at", "closed_at", "caller_id", "opened_by",
                            "location", "subcategory", "u_symptom", "impact", "urgency", "knowledge",
                            "closed_code", "resolved_by"],
        "date_attributes": ["opened_at", "sys_created_at", "resolved_at", "closed_at"],
        "not_priority": ["urgency", "impact"],
    })
    return name, exp


# ---------------------------------------------------------------------------------------------
# 2. Jira status-change export (Status Change From / To)
# ---------------------------------------------------------------------------------------------

def gen_jira_status():
    rng = random.Random(20160301)
    name = "jira_status_changelog.csv"
    header = ["Issue Key", "ID", "Issue_Type", "Priority", "Project", "Assignee", "Created", "Updated",
              "Resolved", "Status Change Date", "Status Change From", "Status Change To"]
    export_at = datetime(2016, 8, 1, 9, 0)
    projects = [("HADOOP", 12850, 40), ("HDFS", 9870, 35), ("YARN", 4740, 25)]
    next_number = {p: n for p, n, _ in projects}
    assignees = people(rng, 45)
    types = [("Bug", 45), ("Improvement", 22), ("New Feature", 6), ("Task", 5), ("Sub-task", 12), ("Test", 6), ("Wish", 4)]
    priorities = [("Major", 60), ("Minor", 20), ("Critical", 8), ("Blocker", 4), ("Trivial", 8)]
    nexts = {
        "Open": [("In Progress", 40), ("Patch Available", 35), ("Resolved", 25)],
        "In Progress": [("Patch Available", 60), ("Resolved", 30), ("Open", 10)],
        "Patch Available": [("Resolved", 62), ("In Progress", 20), ("Open", 8), (None, 10)],
        "Resolved": [("Closed", 55), ("Reopened", 12), (None, 33)],
        "Reopened": [("In Progress", 35), ("Patch Available", 40), ("Resolved", 25)],
        "Closed": [("Reopened", 4), (None, 96)],
    }
    gap = {
        "In Progress": (1200, 1.2), "Patch Available": (1800, 1.2), "Resolved": (2400, 1.2),
        "Closed": (2500, 1.0), "Reopened": (6000, 1.0), "Open": (900, 1.0),
    }
    # Issues are created in time order; an issue without a status change before the export is
    # not in a status-change export at all.
    day0 = date(2016, 3, 1)
    starts = sorted(rand_work_time(rng, day0, 133) for _ in range(900))
    issue_id = 12949000
    issues = []
    for created in starts:
        issue_id += rng.randint(1, 120)
        project = wchoice(rng, [(p, w) for p, _, w in projects])
        next_number[project] += rng.randint(1, 6)
        key = f"{project}-{next_number[project]}"
        transitions = []
        state = "Open"
        t = created
        while len(transitions) < 8:
            nxt = wchoice(rng, nexts[state])
            if nxt is None:
                if len(transitions) >= 2 or state == "Closed":
                    break
                nxt = "Resolved" if state != "Resolved" else "Closed"
            if state == "Closed" and nxt is None:
                break
            median, sigma = gap[nxt]
            t = add_work(t, lmin(rng, median, sigma))
            transitions.append((state, nxt, t))
            state = nxt
            if len(transitions) == 1 and state == "Resolved" and rng.random() < 0.7:
                # A change straight to Resolved is nearly always closed afterwards.
                t = add_work(t, lmin(rng, 2500, 1.0))
                transitions.append(("Resolved", "Closed", t))
                state = "Closed"
        transitions = [tr for tr in transitions if tr[2] <= export_at]
        if not transitions:
            continue
        issues.append((key, issue_id, project, created, transitions))
        if len(issues) == 700:
            break

    rows = []
    open_cases = 0
    issues.sort(key=lambda x: ([p for p, _, _ in projects].index(x[2]), int(x[0].split("-")[1])))
    for key, iid, project, created, transitions in issues:
        itype = wchoice(rng, types)
        prio = wchoice(rng, priorities)
        assignee = rng.choice(assignees) if rng.random() < 0.85 else ""
        last = transitions[-1][2]
        updated = last
        if rng.random() < 0.35:
            later = add_work(last, lmin(rng, 900, 1.2))
            if later <= export_at:
                updated = later
        final = transitions[-1][1]
        resolved = ""
        if final in ("Resolved", "Closed"):
            i = len(transitions) - 1
            while i > 0 and transitions[i - 1][1] in ("Resolved", "Closed"):
                i -= 1
            resolved = fmt_ymd_hms(transitions[i][2])
        else:
            open_cases += 1
        for frm, to, t in transitions:
            rows.append([key, str(iid), itype, prio, project, assignee, fmt_ymd_hms(created), fmt_ymd_hms(updated),
                         resolved, fmt_ymd_hms(t), frm, to])

    write_csv(name, header, rows)
    exp = expected(
        case_id="Issue Key", activity="Status Change To", timestamp="Status Change Date",
        priority="Priority", resource="Assignee", case_type="Issue_Type",
        cases=len(issues), events=len(rows),
        notes=(
            "One row per status change; every row has a usable Status Change Date, so events = rows. "
            "ID identifies the issue as well (one ID per Issue Key): acceptable as the case id, but "
            "Issue Key is preferred. Created, Updated and Resolved repeat per issue: case attributes "
            "(Created could also be read as a 'Created' milestone; the right import does not add it). "
            "Resolved is empty for unresolved issues. Project is a grouping of issues, not a team."
        ),
    )
    exp.update({
        "rows": len(rows),
        "activities": count_distinct(r[11] for r in rows),
        "resources": count_distinct(r[5] for r in rows),
        "open_cases": open_cases,
        "also_acceptable": {"case_id": ["ID"]},
        "case_attributes": ["ID", "Issue_Type", "Priority", "Project", "Assignee", "Created", "Updated", "Resolved"],
        "date_attributes": ["Created", "Updated", "Resolved"],
    })
    return name, exp


# ---------------------------------------------------------------------------------------------
# 3. Jira changelog with issue dates (one row per changed field)
# ---------------------------------------------------------------------------------------------

SUMMARY_SUBJECTS = [
    "login page", "password reset", "export to CSV", "invoice PDF", "search results", "user settings",
    "notification e-mails", "billing API", "dashboard widgets", "audit log", "SSO with Azure AD",
    "mobile app sync", "report scheduler", "file upload", "webhook retries", "rate limiter",
]
SUMMARY_PATTERNS = [
    "{S} is slow for large accounts",
    "Add pagination to {s}",
    "{S} fails with HTTP 500",
    "Error \"Session expired\" on {s}, then redirect loop",
    "Refactor {s} service",
    "{S}: wrong time zone in timestamps",
    "Support filtering, sorting and paging in {s}",
    "Update dependencies of {s}",
    "Document {s} for the help center",
    "Flaky test in {s} suite",
]


def summary(rng):
    s = rng.choice(SUMMARY_SUBJECTS)
    return rng.choice(SUMMARY_PATTERNS).format(s=s, S=s[0].upper() + s[1:])


def gen_jira_changelog():
    rng = random.Random(20210504)
    name = "jira_changelog_issue_dates.csv"
    header = ["key", "summary", "issue_created", "issue_updated", "author", "history_created", "field",
              "fromString", "toString"]
    export_at = datetime(2021, 7, 9, 12, 0)
    team = people(rng, 12)
    scrum_master = team[0]
    automation = "Automation for Jira"

    def fmt(dt, ms):
        return f"{dt:%Y-%m-%dT%H:%M:%S}.{ms:03d}{offset_text(eu_offset_hours(dt), False)}"

    def sprint_of(dt):
        # Two-week sprints starting on Monday 2021-03-01 (sprint 14).
        return 14 + (dt.date() - date(2021, 3, 1)).days // 14

    starts = sorted(rand_work_time(rng, date(2021, 3, 1), 98) for _ in range(260))
    number = 1400
    rows = []
    n_status = 0
    open_cases = 0
    issues = 0
    for created in starts:
        number += rng.randint(1, 4)
        key = f"PLAT-{number}"
        summ = summary(rng)
        reporter = rng.choice(team)
        assignee = rng.choice(team[1:])
        entries = []  # (time, author, [(field, from, to), ...])
        t = add_work(created, lmin(rng, 20, 1.0))
        if rng.random() < 0.35:
            entries.append((t, scrum_master, [("Rank", "", "Ranked higher")]))
            t = add_work(t, lmin(rng, 10, 1.0))
        if rng.random() < 0.45:
            entries.append((t, reporter, [("labels", "", rng.choice(["backend", "frontend", "api", "tech-debt", "customer"]))]))
            t = add_work(t, lmin(rng, 15, 1.0))
        sprint = None
        if rng.random() < 0.8:
            sprint = sprint_of(t) + (1 if rng.random() < 0.5 else 0)
            first_sprint = sprint
            entries.append((t, scrum_master, [("Sprint", "", f"PLAT Sprint {sprint}"),
                                              ("Story Points", "", rng.choice(["1", "2", "3", "5", "8"]))]))
            t = add_work(t, lmin(rng, 600, 1.2))
        current_assignee = ""
        if rng.random() < 0.85:
            entries.append((t, scrum_master if rng.random() < 0.5 else assignee, [("assignee", "", assignee)]))
            current_assignee = assignee
            t = add_work(t, lmin(rng, 300, 1.2))
        if rng.random() < 0.12:
            entries.append((t, reporter, [("priority", "Medium", rng.choice(["High", "Highest"]))]))
            t = add_work(t, lmin(rng, 120, 1.0))
        # Status flow.
        status = "To Do"
        steps = []
        if rng.random() < 0.9:
            steps.append("In Progress")
            steps.append("In Review")
            if rng.random() < 0.22:
                steps += ["In Progress", "In Review"]
            steps.append("Done")
            if rng.random() < 0.08:
                steps += ["In Progress", "Done"]
        for nxt in steps:
            if nxt == "In Progress":
                t = add_work(t, lmin(rng, 700, 1.1))
            elif nxt == "In Review":
                t = add_work(t, lmin(rng, 900, 1.0))
            else:
                t = add_work(t, lmin(rng, 400, 1.1))
            if rng.random() < 0.1 and current_assignee:
                new = rng.choice([p for p in team[1:] if p != current_assignee])
                entries.append((t, scrum_master, [("assignee", current_assignee, new)]))
                current_assignee = new
                t = add_work(t, lmin(rng, 30, 1.0))
            if sprint is not None and t.date() >= date(2021, 3, 1) + timedelta(days=14 * (sprint - 14 + 1)) and rng.random() < 0.5:
                old = ", ".join(f"PLAT Sprint {s}" for s in range(first_sprint, sprint + 1))
                entries.append((t, automation, [("Sprint", old, f"{old}, PLAT Sprint {sprint + 1}")]))
                sprint += 1
                t = add_work(t, lmin(rng, 5, 1.0))
            author = current_assignee or rng.choice(team[1:])
            items = [("status", status, nxt)]
            if nxt == "Done":
                items.append(("resolution", "", "Done"))
                if rng.random() < 0.4:
                    items.append(("Fix Version", "", rng.choice(["2.4.0", "2.4.1", "2.5.0"])))
            elif status == "Done":
                items.append(("resolution", "Done", ""))
            entries.append((t, author, items))
            status = nxt
        entries = [e for e in entries if e[0] <= export_at]
        if not entries:
            continue
        issues += 1
        final_status = "To Do"
        for e in entries:
            for f, _, to in e[2]:
                if f == "status":
                    final_status = to
        if final_status != "Done":
            open_cases += 1
        updated = entries[-1][0]
        if rng.random() < 0.3:
            later = add_work(updated, lmin(rng, 240, 1.0))
            if later <= export_at:
                updated = later
        created_s = fmt(created, rng.randrange(1000))
        stamps = [fmt(t, rng.randrange(1000)) for t, _, _ in entries]
        # issue_updated is the last change to the millisecond, or a later comment.
        updated_s = stamps[-1] if updated == entries[-1][0] else fmt(updated, rng.randrange(1000))
        for (t, author, items), stamp in zip(entries, stamps):
            for f, frm, to in items:
                rows.append([key, summ, created_s, updated_s, author, stamp, f, frm, to])
                n_status += f == "status"

    write_csv(name, header, rows)

    def preset_activity(field, new):
        key = normalize_name(field)
        if key in ("status", "state") and new.strip():
            return new
        if key in ("assignee", "owner", "assigned to"):
            return "Reassigned"
        if key in ("priority", "severity"):
            return "Priority Changed"
        n = normalize_name(field)
        return n[0].upper() + n[1:] + " Changed"

    exp = expected(
        case_id="key", timestamp="history_created", resource="author",
        cases=issues, events=len(rows),
        notes=(
            "Jira changelog preset: one row per changed field (status, assignee, priority, resolution, "
            "Sprint, Story Points, labels, Rank, Fix Version); field/fromString/toString are the change, "
            "history_created its time, author who made it. Every row is an event under the preset "
            "(a status change is named after toString, assignee -> Reassigned, others '<Field> Changed'), "
            "so events = rows; if only status changes are kept the count is status_events. Several items "
            "of one history entry share history_created (status + resolution + Fix Version). "
            "issue_created/issue_updated repeat per issue: case attributes, not event times. "
            "Offsets without a colon (+0100 before 2021-03-28, +0200 after)."
        ),
    )
    exp.update({
        "preset": "jira_changelog",
        "field": "field",
        "old_value": "fromString",
        "new_value": "toString",
        "user": "author",
        "rows": len(rows),
        "status_events": n_status,
        "activities": count_distinct(preset_activity(r[6], r[8]) for r in rows),
        "open_cases": open_cases,
        "case_attributes": ["summary", "issue_created", "issue_updated"],
        "date_attributes": ["issue_created", "issue_updated"],
    })
    return name, exp


# ---------------------------------------------------------------------------------------------
# 4. NYC 311-style service requests (one row per request)
# ---------------------------------------------------------------------------------------------

AGENCIES = [
    ("NYPD", "New York City Police Department", 30, 120, [
        ("Noise - Residential", ["Loud Music/Party", "Banging/Pounding", "Loud Talking"]),
        ("Illegal Parking", ["Blocked Hydrant", "Double Parked Blocking Traffic", "Posted Parking Sign Violation"]),
        ("Blocked Driveway", ["No Access", "Partial Access"]),
        ("Noise - Street/Sidewalk", ["Loud Music/Party", "Loud Talking"]),
    ], ["The Police Department responded to the complaint and with the information available observed no evidence of the violation at that time.",
        "The Police Department responded to the complaint and took action to fix the condition.",
        "The Police Department issued a summons in response to the complaint.",
        "The Police Department responded and upon arrival those responsible for the condition were gone."]),
    ("HPD", "Department of Housing Preservation and Development", 22, 4200, [
        ("HEAT/HOT WATER", ["ENTIRE BUILDING", "APARTMENT ONLY"]),
        ("UNSANITARY CONDITION", ["PESTS", "MOLD", "GARBAGE"]),
        ("PLUMBING", ["WATER SUPPLY", "TOILET", "LEAKY FAUCET"]),
        ("PAINT/PLASTER", ["WALL", "CEILING"]),
    ], ["The Department of Housing Preservation and Development inspected the following conditions. No violations were issued. The complaint has been closed.",
        "The Department of Housing Preservation and Development was not able to gain access to inspect the conditions. If the conditions still exist, please file a new complaint.",
        "The Department of Housing Preservation and Development contacted a tenant in the building and verified that the following conditions were corrected. The complaint has been closed."]),
    ("DSNY", "Department of Sanitation", 14, 2400, [
        ("Dirty Condition", ["Trash", "Litter", "Dog Waste"]),
        ("Missed Collection", ["Trash", "Recycling - Paper", "Recycling - Metal/Glass/Plastic"]),
        ("Illegal Dumping", ["Removal Request", "Mattress"]),
    ], ["The Department of Sanitation investigated this complaint and found no condition at the location.",
        "The Department of Sanitation cleaned the location.",
        "The Department of Sanitation has collected the missed collection."]),
    ("DOT", "Department of Transportation", 14, 3000, [
        ("Street Condition", ["Pothole", "Defective Hardware", "Cave-in"]),
        ("Street Light Condition", ["Street Light Out", "Lamppost Damaged"]),
        ("Traffic Signal Condition", ["Controller", "Ped Lamp"]),
    ], ["The Department of Transportation inspected this complaint and repaired the problem.",
        "The Department of Transportation inspected the condition and determined that no repair was needed.",
        "The Department of Transportation referred this complaint to the appropriate contractor, who will repair it."]),
    ("DEP", "Department of Environmental Protection", 10, 2000, [
        ("Water System", ["Hydrant Running (WC3)", "Leak (Use Comments) (WA2)"]),
        ("Noise", ["Noise: Construction Before/After Hours (NM1)", "Noise: air condition/ventilation equipment (NV1)"]),
        ("Sewer", ["Catch Basin Clogged/Flooding (Use Comments) (SC)", "Sewer Backup (Use Comments) (SA)"]),
    ], ["The Department of Environmental Protection investigated this complaint and shut the running hydrant.",
        "The Department of Environmental Protection determined that this complaint is a duplicate of a previously filed complaint. The original complaint is being addressed.",
        "The Department of Environmental Protection did not find a violation at this time."]),
    ("DPR", "Department of Parks and Recreation", 6, 9000, [
        ("Damaged Tree", ["Branch Cracked and Will Fall", "Tree Leaning/Uprooted"]),
        ("Overgrown Tree/Branches", ["Blocking Street", "Hitting Building"]),
    ], ["The Department of Parks and Recreation has completed the requested work order and corrected the problem.",
        "The Department of Parks and Recreation visited the location and determined that the condition does not require work at this time."]),
    ("DOB", "Department of Buildings", 4, 5000, [
        ("General Construction/Plumbing", ["Working Contrary To Stop Work Order", "Failure To Maintain"]),
        ("Building/Use", ["Illegal Conversion Of Residential Building/Space"]),
    ], ["The Department of Buildings investigated this complaint and issued a violation.",
        "The Department of Buildings attempted to investigate this complaint but could not gain access to the location."]),
]

BOROUGHS = [
    # borough, city names, zip prefixes/ranges, streets, latitude, longitude
    ("MANHATTAN", ["NEW YORK"], list(range(10001, 10041)) + [10065, 10069, 10075, 10128, 10280, 10282],
     ["BROADWAY", "AMSTERDAM AVENUE", "WEST 42 STREET", "EAST 14 STREET", "LEXINGTON AVENUE", "FREDERICK DOUGLASS BOULEVARD"],
     40.7831, -73.9712),
    ("BRONX", ["BRONX"], list(range(10451, 10476)),
     ["GRAND CONCOURSE", "EAST TREMONT AVENUE", "WHITE PLAINS ROAD", "SOUTHERN BOULEVARD", "WEST 181 STREET"],
     40.8448, -73.8648),
    ("BROOKLYN", ["BROOKLYN"], list(range(11201, 11240)),
     ["FLATBUSH AVENUE", "OCEAN PARKWAY", "ATLANTIC AVENUE", "EASTERN PARKWAY", "BEDFORD AVENUE", "86 STREET"],
     40.6782, -73.9442),
    ("QUEENS", ["JAMAICA", "FLUSHING", "ASTORIA", "RIDGEWOOD", "FAR ROCKAWAY", "LONG ISLAND CITY"],
     list(range(11354, 11386)) + list(range(11411, 11437)) + [11691, 11692, 11101, 11102, 11103, 11104, 11105, 11106],
     ["QUEENS BOULEVARD", "JAMAICA AVENUE", "NORTHERN BOULEVARD", "MAIN STREET", "21 STREET", "HILLSIDE AVENUE"],
     40.7282, -73.7949),
    ("STATEN ISLAND", ["STATEN ISLAND"], list(range(10301, 10315)),
     ["RICHMOND AVENUE", "VICTORY BOULEVARD", "HYLAN BOULEVARD", "FOREST AVENUE"],
     40.5795, -74.1502),
]


def gen_311():
    rng = random.Random(311)
    name = "city_service_requests.csv"
    header = ["Unique Key", "Created Date", "Closed Date", "Agency", "Agency Name", "Complaint Type", "Descriptor",
              "Location Type", "Incident Zip", "Incident Address", "City", "Status", "Due Date",
              "Resolution Description", "Resolution Action Updated Date", "Community Board", "Borough",
              "Open Data Channel Type", "Latitude", "Longitude"]
    export_at = datetime(2024, 4, 19, 7, 0)

    def fmt(dt):
        hour, ampm = h12(dt)
        return f"{dt.month:02d}/{dt.day:02d}/{dt.year} {hour:02d}:{dt.minute:02d}:{dt.second:02d} {ampm}"

    # About 150 zip codes in use, each in its borough.
    zips = []
    for bi, b in enumerate(BOROUGHS):
        share = [34, 24, 36, 44, 12][bi]
        for z in sorted(rng.sample(b[2], min(share, len(b[2])))):
            zips.append((z, bi))
    location_types = {
        "NYPD": ["Street/Sidewalk", "Residential Building/House", "Store/Commercial"],
        "HPD": ["RESIDENTIAL BUILDING"], "DSNY": ["Sidewalk", "Street", "Residential Building"],
        "DOT": ["Street", "Intersection"], "DEP": ["Street", "Residential Building"],
        "DPR": ["Street", "Sidewalk", "Park"], "DOB": ["Residential Building", "Commercial Building"],
    }
    created_list = sorted(rand_work_time(rng, date(2024, 1, 2), 101) for _ in range(1000))
    key = 59_480_000
    rows = []
    events = 0
    n_ties = 0
    open_cases = 0
    for created in created_list:
        key += rng.randint(150, 1900)
        ag = wchoice(rng, [(a, a[2]) for a in AGENCIES])
        code, agency_name, _, median, complaints, resolutions = ag
        ctype, descriptors = rng.choice(complaints)
        descriptor = rng.choice(descriptors)
        zi = rng.randrange(len(zips))
        zipc, bi = zips[zi]
        borough, cities, _, streets, lat0, lon0 = BOROUGHS[bi]
        missing_location = rng.random() < 0.03
        channel = wchoice(rng, [("PHONE", 38), ("ONLINE", 27), ("MOBILE", 28), ("UNKNOWN", 7)])
        closed = add_work(created, lmin(rng, median, 1.1))
        long_running = rng.random() < 0.04
        if long_running:
            closed = export_at + timedelta(days=30)
        is_closed = closed <= export_at
        raud = None
        if is_closed:
            r = rng.random()
            if r < 0.40:
                raud = closed
            elif r < 0.90:
                # A working-hours moment between creation and closure.
                raud = closed
                for _ in range(20):
                    cand = created + (closed - created) * rng.uniform(0.3, 0.98)
                    cand = cand.replace(microsecond=0)
                    if cand.weekday() < 5 and WORK_START <= cand.hour < WORK_END and cand > created:
                        raud = cand
                        break
            elif r < 0.95:
                raud = add_work(closed, rng.randint(3, 1800))
                if raud > export_at:
                    raud = None
            status = "Closed"
        else:
            open_cases += 1
            if rng.random() < 0.55:
                raud = add_work(created, lmin(rng, 300, 1.0))
                if raud > export_at:
                    raud = None
            status = "In Progress" if raud else wchoice(rng, [("Open", 60), ("Assigned", 40)])
            if raud and rng.random() < 0.3:
                status = "Assigned"
        due = ""
        if code in ("HPD", "DOT", "DPR", "DOB") and rng.random() < 0.7 or rng.random() < 0.05:
            due_at = created + timedelta(days=rng.choice([3, 8, 14, 30]))
            while due_at.weekday() >= 5:
                due_at += timedelta(days=1)
            due = fmt(due_at)
        resolution = rng.choice(resolutions) if is_closed else (
            "The Department has received your request and will respond, depending on the complexity of the case, within 30 days." if rng.random() < 0.5 else "")
        created_s = fmt(created)
        closed_s = fmt(closed) if is_closed else ""
        raud_s = fmt(raud) if raud else ""
        events += 1 + bool(closed_s) + bool(raud_s)
        if closed_s and raud_s == closed_s:
            n_ties += 1
        if missing_location:
            zip_s = address = lat = lon = ""
            city = ""
        else:
            zip_s = f"{zipc:05d}"
            address = f"{rng.randint(1, 2999)} {rng.choice(streets)}"
            city = rng.choice(cities)
            lat = f"{lat0 + rng.uniform(-0.06, 0.06):.14f}"
            lon = f"{lon0 + rng.uniform(-0.07, 0.07):.14f}"
        board = f"{rng.randint(1, 18 if bi != 4 else 3):02d} {borough}"
        rows.append([str(key), created_s, closed_s, code, agency_name, ctype, descriptor,
                     rng.choice(location_types[code]), zip_s, address, city, status, due, resolution, raud_s,
                     board, borough, channel, lat, lon])

    write_csv(name, header, rows)
    exp = expected(
        case_id="Unique Key",
        milestones=["Created Date", "Resolution Action Updated Date", "Closed Date"],
        team="Agency", channel="Open Data Channel Type", case_type="Complaint Type", sla_due="Due Date",
        cases=len(rows), events=events,
        notes=(
            "One row per request, no activity column: the dates are milestones. One event per filled "
            "milestone cell (Created always; Resolution Action Updated and Closed when filled). "
            "Resolution Action Updated Date equals Closed Date exactly in ties_resolution_equals_closed "
            "requests (two events at the same time: keep column order), and is after Closed Date in a "
            "few (the agency updated the resolution later). Month-first 12-hour dates. Closed Date is "
            "empty for open requests. Due Date is a deadline (sla_due), not an event."
        ),
    )
    exp.update({
        "rows": len(rows),
        "milestone_names": ["Created", "Resolution Action Updated", "Closed"],
        "activities": 3,
        "open_cases": open_cases,
        "ties_resolution_equals_closed": n_ties,
        "case_attributes": ["Agency Name", "Descriptor", "Location Type", "Incident Zip", "Incident Address", "City",
                            "Status", "Resolution Description", "Community Board", "Borough", "Latitude", "Longitude"],
        "date_attributes": ["Due Date"],
        "incident_zip_distinct": count_distinct(r[8] for r in rows),
    })
    return name, exp


# ---------------------------------------------------------------------------------------------
# 5. Zendesk ticket export (one row per ticket)
# ---------------------------------------------------------------------------------------------

def gen_zendesk():
    rng = random.Random(2023061214)
    name = "zendesk_ticket_export.csv"
    header = ["Id", "Requester", "Requester id", "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via",
              "Ticket type", "Created at", "Updated at", "Assigned at", "Initially assigned at", "Solved at",
              "Due date", "Satisfaction Score", "Reopens", "Replies", "Group stations", "Assignee stations",
              "First reply time in minutes", "First resolution time in minutes", "Full resolution time in minutes",
              "Agent wait time in minutes", "Requester wait time in minutes", "On hold time in minutes"]
    export_at = datetime(2023, 7, 21, 17, 0)
    groups = {
        "Support": people(rng, 7), "Billing": people(rng, 4), "Technical Support Tier 2": people(rng, 4),
        "Onboarding": people(rng, 3),
    }
    group_names = list(groups)
    requester_names = people(rng, 60) + [f"{a} {b}" for a, b in zip(["Acme", "Globex", "Initech", "Umbrella"], ["Support", "IT", "Billing", "Ops"])]
    requesters = [(n, str(360000000000 + rng.randrange(10**11))) for n in requester_names]
    subjects = [
        ("Cannot log in after password reset", "login password"), ("Refund for duplicate charge", "billing refund"),
        ("Invoice shows wrong VAT number", "billing invoice vat"), ("API returns 429, too many requests", "api rate_limit"),
        ("How do I export my data?", "how_to export"), ("Add a new user to our account", "account users"),
        ("Integration with Slack stopped working", "integration slack"), ("Request: dark mode", "feature_request"),
        ("Upgrade plan from Team to Business", "billing upgrade"), ("Error \"Payment declined\" at checkout", "billing payment"),
        ("Onboarding call for new workspace", "onboarding call"), ("Emails are not delivered", "email delivery"),
    ]

    def fmt(dt):
        return fmt_ymd_hm(dt)

    def minutes(a, b):
        return str(int((b - a).total_seconds() // 60))

    created_list = sorted(rand_work_time(rng, date(2023, 4, 3), 109) for _ in range(600))
    tid = 18230
    rows = []
    events = 0
    ties = 0
    open_cases = 0
    for created in created_list:
        tid += rng.randint(1, 3)
        via = wchoice(rng, [("Email", 45), ("Web form", 25), ("Phone call (inbound)", 12), ("Chat", 18)])
        ttype = wchoice(rng, [("Question", 35), ("Incident", 35), ("Problem", 8), ("Task", 7), ("", 15)])
        prio = wchoice(rng, [("low", 15), ("normal", 55), ("high", 22), ("urgent", 8), ("", 0)])
        if rng.random() < 0.06:
            prio = ""
        subject, tags = rng.choice(subjects)
        if rng.random() < 0.2:
            tags += " vip"
        group = wchoice(rng, [("Support", 60), ("Billing", 20), ("Technical Support Tier 2", 12), ("Onboarding", 8)])
        requester, requester_id = rng.choice(requesters)
        speed = {"urgent": 0.3, "high": 0.6, "normal": 1.0, "low": 1.6, "": 1.2}[prio]
        if via == "Chat":
            speed *= 0.5

        initial = add_work(created, lmin(rng, 40 * speed, 1.0))
        if rng.random() < 0.04 or (export_at - created < timedelta(days=2) and rng.random() < 0.5):
            initial = add_work(created, lmin(rng, 1500, 0.8))  # left unassigned in the queue
        assignee = rng.choice(groups[group])
        group_stations = 1
        assignee_stations = 1
        assigned = initial
        if rng.random() < 0.28:
            assigned = add_work(initial, lmin(rng, 600, 1.2))
            if rng.random() < 0.4:
                group = rng.choice([g for g in group_names if g != group])
                group_stations = 2
            assignee = rng.choice([p for p in groups[group] if p != assignee])
            assignee_stations = 2
        first_reply = add_work(initial, lmin(rng, 60 * speed, 1.0)) if via != "Phone call (inbound)" else initial
        replies = rng.randint(1, 6)
        pending = lmin(rng, 500, 1.2) if rng.random() < 0.55 else 0.0
        hold = lmin(rng, 900, 1.0) if rng.random() < 0.12 else 0.0
        if rng.random() < 0.05:
            hold += lmin(rng, 9000, 0.6)  # waiting on a third party for weeks
        solved1 = add_work(max(assigned, first_reply), lmin(rng, 500 * speed, 1.2) + pending + hold)
        reopens = 0
        solved = solved1
        if rng.random() < 0.09:
            reopens = 1
            solved = add_work(solved1 + timedelta(days=rng.randint(1, 3)), lmin(rng, 300, 1.0))
            replies += rng.randint(1, 3)

        # What the export shows at export_at.
        status_due = None
        if created > export_at:
            raise AssertionError("created after export")
        if initial > export_at:
            status = "new"
            assignee_s = ""
            initial_s = assigned_s = solved_s = ""
            assignee_stations = 0
            group_stations = 1
            last_touch = created
        elif solved > export_at:
            status = wchoice(rng, [("open", 55), ("pending", 35), ("hold", 10)])
            assignee_s = assignee
            initial_s = fmt(initial)
            if assigned > export_at:
                assigned = initial
                assignee_stations = 1
                group_stations = 1
            assigned_s = fmt(assigned)
            solved_s = ""
            if reopens and solved1 <= export_at:
                solved_s = ""  # reopened and not solved again: Solved at is cleared
            reopens = reopens if solved1 <= export_at else 0
            last_touch = max(x for x in (created, initial, assigned, first_reply) if x <= export_at)
        else:
            assignee_s = assignee
            initial_s = fmt(initial)
            assigned_s = fmt(assigned)
            solved_s = fmt(solved)
            closes = solved + timedelta(days=4)  # automation closes 4 days after solved
            closes = closes.replace(minute=0, second=0) + timedelta(hours=1)
            if closes <= export_at:
                status = "closed"
                last_touch = closes
            else:
                status = "solved"
                last_touch = solved
        if status in ("new", "open", "pending", "hold"):
            open_cases += 1
        updated_s = fmt(max(last_touch, created))
        due = ""
        if ttype == "Task":
            d = (created + timedelta(days=rng.randint(2, 10))).date()
            while d.weekday() >= 5:
                d += timedelta(days=1)
            due = f"{d:%Y-%m-%d} 12:00"
        if status in ("solved", "closed"):
            score = wchoice(rng, [("Offered", 30), ("Good", 35), ("Bad", 6), ("Unoffered", 24), ("Not Offered", 5)])
        else:
            score = wchoice(rng, [("Unoffered", 90), ("Not Offered", 10)])
        first_reply_s = minutes(created, first_reply) if status != "new" and first_reply <= export_at else ""
        if solved_s:
            full = minutes(created, solved)
            first_res = minutes(created, solved1)
            agent_wait = str(int(pending))
            requester_wait = str(max(0, int(full) - int(pending)))
            on_hold = str(int(hold))
        else:
            full = first_res = agent_wait = requester_wait = on_hold = ""
        if status == "new":
            replies = 0
        events += 1 + bool(initial_s) + bool(assigned_s) + bool(solved_s)
        if initial_s and initial_s == assigned_s:
            ties += 1
        rows.append([str(tid), requester, requester_id, assignee_s, group, subject, tags, status, prio, via, ttype,
                     fmt(created), updated_s, assigned_s, initial_s, solved_s, due, score, str(reopens), str(replies),
                     str(group_stations), str(assignee_stations), first_reply_s, first_res, full, agent_wait,
                     requester_wait, on_hold])

    write_csv(name, header, rows)
    exp = expected(
        case_id="Id",
        milestones=["Created at", "Initially assigned at", "Assigned at", "Solved at"],
        priority="Priority", team="Group", resource="Assignee", channel="Via", case_type="Ticket type",
        sla_due="Due date", cases=len(rows), events=events,
        notes=(
            "One row per ticket: the dates are milestones, one event per filled cell. Updated at is the "
            "last touch of the ticket (for closed tickets the automation that closed it, 4 days after "
            "Solved at): debatable, but it is not a process step and stays a case attribute. Assigned at "
            "equals Initially assigned at when the ticket was assigned once (ties_initially_equals_assigned "
            "tickets: two events at the same minute, keep column order). Due date is only set on Task "
            "tickets. Status new tickets have no assignment; open/pending/hold have no Solved at. "
            "Minutes columns are metrics, not dates."
        ),
    )
    exp.update({
        "rows": len(rows),
        "milestone_names": ["Created", "Initially assigned", "Assigned", "Solved"],
        "activities": 4,
        "open_cases": open_cases,
        "ties_initially_equals_assigned": ties,
        "case_attributes": ["Requester", "Requester id", "Subject", "Tags", "Status", "Updated at", "Satisfaction Score",
                            "Reopens", "Replies", "Group stations", "Assignee stations"],
        "date_attributes": ["Updated at", "Due date"],
    })
    return name, exp


# ---------------------------------------------------------------------------------------------
# 6. Jira "time in status" / "status entered" app export (one date column per status)
# ---------------------------------------------------------------------------------------------

def gen_time_in_status():
    rng = random.Random(20221103)
    name = "jira_time_in_status.csv"
    statuses = ["To Do", "In Progress", "In Review", "Blocked", "Done"]
    header = ["Key", "Summary", "Issue Type", "Priority", "Assignee", "Created"] + [f"Status: {s}" for s in statuses]
    export_at = datetime(2022, 12, 16, 16, 0)
    team = people(rng, 14)
    created_list = sorted(rand_work_time(rng, date(2022, 9, 5), 96) for _ in range(500))
    number = 230
    rows = []
    events = 0
    ties = 0
    order_differs = 0
    open_cases = 0
    for created in created_list:
        number += rng.randint(1, 3)
        itype = wchoice(rng, [("Story", 45), ("Bug", 25), ("Task", 20), ("Sub-task", 10)])
        prio = wchoice(rng, [("Highest", 4), ("High", 18), ("Medium", 60), ("Low", 14), ("Lowest", 4)])
        assignee = rng.choice(team) if rng.random() < 0.88 else ""
        entered = {}
        r = rng.random()
        if r < 0.33:
            entered["To Do"] = created  # created straight into the sprint
        elif r < 0.92:
            # Moved from the backlog at the next sprint planning (Mondays, two-week sprints).
            d = created.date() + timedelta(days=1)
            while d.weekday() != 0 or (d - date(2022, 9, 5)).days % 14 != 0:
                d += timedelta(days=1)
            entered["To Do"] = datetime(d.year, d.month, d.day, 10) + timedelta(minutes=rng.randint(0, 90), seconds=rng.randrange(60))
        t = entered.get("To Do", created)
        if rng.random() < 0.93:
            t = add_work(t, lmin(rng, 900, 1.1))
            entered["In Progress"] = t
            blocked = rng.random() < 0.16
            review = rng.random() < 0.8
            if blocked and (not review or rng.random() < 0.5):
                t = add_work(t, lmin(rng, 300, 1.0))
                entered["Blocked"] = t
                t = add_work(t, lmin(rng, 1200, 1.0))
                blocked = False
            if review:
                t = add_work(t, lmin(rng, 900, 1.0))
                entered["In Review"] = t
            if blocked:
                t = add_work(t, lmin(rng, 200, 1.0))
                entered["Blocked"] = t
                t = add_work(t, lmin(rng, 1200, 1.0))
            t = add_work(t, lmin(rng, 400, 1.1))
            entered["Done"] = t
        elif rng.random() < 0.7:
            t = add_work(t, lmin(rng, 600, 1.0))
            entered["Done"] = t  # closed from To Do (duplicate, won't do)
        entered = {k: v for k, v in entered.items() if v <= export_at}
        cells = {k: fmt_ymd_hm(v) for k, v in entered.items()}
        created_s = fmt_ymd_hm(created)
        if "Done" not in cells:
            open_cases += 1
        events += 1 + len(cells)
        if cells.get("To Do") == created_s:
            ties += 1
        chrono = sorted(entered, key=lambda k: entered[k])
        if chrono != [s for s in statuses if s in entered]:
            order_differs += 1
        rows.append([f"APP-{number}", summary(rng), itype, prio, assignee, created_s] + [cells.get(s, "") for s in statuses])

    write_csv(name, header, rows)
    exp = expected(
        case_id="Key",
        milestones=["Created"] + [f"Status: {s}" for s in statuses],
        priority="Priority", resource="Assignee", case_type="Issue Type",
        cases=len(rows), events=events,
        notes=(
            "One row per issue; each 'Status: X' cell is when the issue first entered X (empty if never): "
            "milestones, one event per filled cell, ordered by time per issue, not by column "
            "(Blocked comes before In Review in some issues: rows_where_chronology_differs_from_columns). "
            "Status: To Do equals Created in ties_todo_equals_created issues (created straight into the "
            "sprint); To Do is empty for issues created in another status. Activity names drop the "
            "'Status: ' prefix."
        ),
    )
    exp.update({
        "rows": len(rows),
        "milestone_names": ["Created"] + statuses,
        "activities": 6,
        "open_cases": open_cases,
        "ties_todo_equals_created": ties,
        "rows_where_chronology_differs_from_columns": order_differs,
        "case_attributes": ["Summary"],
    })
    return name, exp


# ---------------------------------------------------------------------------------------------
# 7. BPI Challenge 2015 shape, exported to CSV with XES keys
# ---------------------------------------------------------------------------------------------

BPIC_STEPS = [
    ("01_HOOFD_010", "register submission date request", 1.0),
    ("01_HOOFD_011", "enter senddate acknowledgement", 0.9),
    ("01_HOOFD_015", "send confirmation receipt", 0.95),
    ("16_LGSD_010", "register fees", 0.5),
    ("01_HOOFD_020", "forward to the competent authority", 0.4),
    ("01_HOOFD_030_1", "enter date of request for additional information", 0.3),
    ("01_HOOFD_030_2", "send letter request for additional information", 0.3),
    ("11_AH_II_010", "request additional documents applicant", 0.1),
    ("01_HOOFD_040", "register date of receipt of additional information", 0.25),
    ("01_HOOFD_050", "completeness check", 0.8),
    ("01_HOOFD_060", "register deadline", 0.7),
    ("01_HOOFD_065_0", "send letter in progress", 0.6),
    ("01_HOOFD_065_1", "enter senddate letter in progress", 0.55),
    ("08_AWB45_005", "register extension of decision period", 0.15),
    ("08_AWB45_010", "send letter extension of decision period", 0.15),
    ("08_AWB45_020_1", "enter senddate extension letter", 0.12),
    ("01_HOOFD_100", "phase application received", 0.95),
    ("01_HOOFD_101", "assess application against zoning plan", 0.7),
    ("13_CRD_010", "coordinate with other department", 0.15),
    ("14_VRIJ_010", "register exemption request", 0.1),
    ("01_HOOFD_110", "request advice from building committee", 0.5),
    ("01_HOOFD_120", "register advice building committee", 0.45),
    ("01_HOOFD_180", "phase advice known", 0.8),
    ("01_HOOFD_190", "draft decision", 0.8),
    ("01_HOOFD_195", "check draft decision", 0.6),
    ("01_HOOFD_196", "approve draft decision", 0.5),
    ("01_HOOFD_200", "phase decision taken", 0.85),
    ("01_HOOFD_250", "generate decision environmental permit", 0.8),
    ("01_HOOFD_260", "enter senddate decision environmental permit", 0.75),
    ("16_LGSV_010", "send invoice fees", 0.45),
    ("01_HOOFD_330", "enter date publication decision environmental permit", 0.6),
    ("01_HOOFD_370", "phase decision sent", 0.8),
    ("01_HOOFD_375", "publish decision environmental permit", 0.55),
    ("01_HOOFD_380", "register objection period", 0.5),
    ("01_BB_540", "send information about objection", 0.08),
    ("01_BB_550", "register objection", 0.06),
    ("01_BB_770", "decision on objection", 0.05),
    ("01_HOOFD_430", "phase decision final", 0.6),
    ("01_HOOFD_490_1", "enter date notification start of works", 0.35),
    ("01_HOOFD_490_2", "register start of works", 0.3),
    ("01_HOOFD_495", "inspect construction site", 0.3),
    ("01_HOOFD_500", "enter date notification end of works", 0.25),
    ("01_HOOFD_510_1", "register completion of works", 0.25),
    ("01_HOOFD_515", "phase case closed", 0.6),
]


def gen_bpic():
    rng = random.Random(2015)
    name = "municipal_xes_keys.csv"
    header = ["case:concept:name", "concept:name", "time:timestamp", "org:resource", "lifecycle:transition",
              "action_code", "activityNameEN", "dateFinished", "planned", "dueDate", "monitoringResource", "question",
              "case:Responsible_actor", "case:SUMleges", "case:caseStatus", "case:last_phase", "case:parts",
              "case:requestComplete", "case:startDate", "case:endDate", "case:endDatePlanned"]
    export_at = datetime(2016, 7, 15, 12, 0)
    staff = [str(n) for n in rng.sample(range(560000, 570000), 16)]

    def fmt(dt):
        return f"{dt:%Y-%m-%d %H:%M:%S}{offset_text(eu_offset_hours(dt), True)}"

    def fmt_day(d):
        dt = datetime(d.year, d.month, d.day)
        return f"{dt:%Y-%m-%d %H:%M:%S}{offset_text(eu_offset_hours(dt), True)}"

    case_ids = rng.sample(range(2_500_000, 9_999_999), 96)
    starts = sorted(rand_work_time(rng, date(2016, 1, 4), 170) for _ in range(96))
    rows = []
    open_cases = 0
    for cid, start in zip(case_ids, starts):
        steps = [s for s in BPIC_STEPS if rng.random() < s[2] * 0.65]
        if steps[0] != BPIC_STEPS[0]:
            steps.insert(0, BPIC_STEPS[0])
        # Some steps repeat (letters re-sent, another round of coordination).
        extra = []
        for s in steps:
            extra.append(s)
            if s[0] in ("01_HOOFD_065_0", "01_HOOFD_065_1", "13_CRD_010", "01_HOOFD_195", "01_HOOFD_030_2") and rng.random() < 0.3:
                extra.append(s)
        steps = extra
        target_min, target_max = 10, 40
        optional = [s for s in BPIC_STEPS if s not in steps]
        while len(steps) < target_min:
            s = optional.pop(rng.randrange(len(optional)))
            steps.append(s)
            steps.sort(key=lambda x: BPIC_STEPS.index(x))
        while len(steps) > target_max:
            steps.pop(rng.randrange(1, len(steps)))
        responsible = rng.choice(staff)
        t = start
        events = []
        for i, s in enumerate(steps):
            if i > 0:
                if rng.random() < 0.12:
                    pass  # batch: the same timestamp as the previous event
                else:
                    t = add_work(t, lmin(rng, 600, 1.3))
            events.append((s, t))
        kept = [e for e in events if e[1] <= export_at]
        finished = len(kept) == len(events)
        if not finished:
            open_cases += 1
        leges = "" if rng.random() < 0.15 else str(round(rng.uniform(40, 2500), 2))
        parts = wchoice(rng, [("Bouw", 45), ("Bouw,Milieu (melding)", 12), ("Kap", 12), ("Sloop", 8),
                              ("Inrit/Uitweg", 8), ("Bouw,Kap", 10), ("Bouw,Handelsreclame", 5)])
        last_phase = ("Besluit genomen" if rng.random() < 0.3 else "Vergunning verleend") if finished else \
            wchoice(rng, [("Aanvraag ontvangen", 40), ("Advies bekend", 30), ("Besluit genomen", 30)])
        start_s = fmt_day(start.date())
        end_s = fmt_day(events[-1][1].date()) if finished else ""
        planned_end = fmt_day(start.date() + timedelta(weeks=8))
        complete = "True" if rng.random() < 0.8 else "False"
        for (code, en, _), et in kept:
            r = rng.random()
            if r < 0.75:
                fin = fmt(add_work(et, lmin(rng, 240, 1.5)))
            elif r < 0.9:
                day_start = datetime(et.year, et.month, et.day, WORK_START)
                fin = fmt(max(day_start, et - timedelta(minutes=lmin(rng, 90, 1.0))).replace(microsecond=0))
            else:
                fin = ""
            planned = fmt(to_work(et + timedelta(days=rng.randint(3, 30)))) if rng.random() < 0.08 else ""
            due = fmt_day((et + timedelta(weeks=rng.randint(4, 8))).date()) if rng.random() < 0.12 else ""
            resource = responsible if rng.random() < 0.6 else rng.choice(staff)
            question = wchoice(rng, [("EMPTY", 80), ("True", 10), ("False", 10)])
            rows.append([str(cid), code, fmt(et), resource, "complete", code, en, fin, planned, due,
                         responsible, question, responsible, leges, "G" if finished else "O", last_phase, parts,
                         complete, start_s, end_s, planned_end])

    write_csv(name, header, rows)
    exp = expected(
        case_id="case:concept:name", activity="concept:name", timestamp="time:timestamp",
        resource="org:resource", cases=len(case_ids), events=len(rows),
        notes=(
            "XES keys as column names (as pm4py writes them). One row per event, all with a usable "
            "time:timestamp, so events = rows. dateFinished is another timestamp per event (usually after "
            "time:timestamp, sometimes before, sometimes empty): an attribute, NOT an end time, no "
            "start/end pairing. planned and dueDate are sparse per-event dates (attributes). case:* columns "
            "are case attributes; case:endDatePlanned is a planned end per case (acceptable as sla_due, not "
            "required). About 12 % of events share the previous event's timestamp (batch work): keep file "
            "order. Offsets +01:00/+02:00 (Dutch time)."
        ),
    )
    exp.update({
        "rows": len(rows),
        "activities": count_distinct(r[1] for r in rows),
        "resources": count_distinct(r[3] for r in rows),
        "open_cases": open_cases,
        "also_acceptable": {"sla_due": ["case:endDatePlanned"]},
        "case_attributes": [h for h in header if h.startswith("case:") and h != "case:concept:name"],
        "date_attributes": ["dateFinished", "planned", "dueDate", "case:startDate", "case:endDate", "case:endDatePlanned"],
        "not_end_time": ["dateFinished"],
    })
    return name, exp


# ---------------------------------------------------------------------------------------------
# 8. Salesforce case report export
# ---------------------------------------------------------------------------------------------

def gen_salesforce():
    rng = random.Random(1052024)
    name = "salesforce_case_export.csv"
    header = ["Case Number", "Subject", "Status", "Priority", "Case Origin", "Case Owner", "Account Name", "Type",
              "Escalated", "Date/Time Opened", "Date/Time Closed", "Closed", "Age (Hours)"]
    export_at = datetime(2024, 4, 19, 16, 30)
    owners = people(rng, 10)
    accounts = ["Edgewater Logistics", "Burlington Textiles Corp of America", "Pyramid Construction Inc.",
                "Grand Hotels & Resorts Ltd", "United Oil & Gas Corp.", "Kessler, Morgan and Partners", "Bluebird Dental Group",
                "Northwind Traders", "Sierra Outdoor Co.", "Lumen Health Clinics", "Harbor City Transit", "Quantum Print GmbH",
                "Aurora Schools District 7", "Maple & Finch Bakery", "Vertex Software Ltd"]
    subjects = [
        "Generator makes a loud noise", "Cannot access customer portal", "Invoice total does not match quote",
        "Request for on-site maintenance", "Replacement part arrived damaged", "Question about warranty coverage",
        "Seeking guidance on electrical wiring installation", "Shipment delayed, customer asking for ETA",
        "Performance inadequate for second consecutive week", "Password reset link expired",
        "Billing address change", "Installation scheduling",
    ]

    def fmt(dt):
        hour, ampm = h12(dt)
        return f"{dt.month}/{dt.day}/{dt.year}, {hour}:{dt.minute:02d} {ampm}"

    opened_list = sorted(floor_minute(rand_work_time(rng, date(2024, 1, 8), 96)) for _ in range(500))
    number = 1025
    rows = []
    events = 0
    open_cases = 0
    for opened in opened_list:
        number += rng.randint(1, 3)
        prio = wchoice(rng, [("High", 22), ("Medium", 55), ("Low", 23)])
        origin = wchoice(rng, [("Phone", 35), ("Email", 40), ("Web", 25)])
        ctype = wchoice(rng, [("Mechanical", 25), ("Electrical", 25), ("Electronic", 15), ("Structural", 10), ("Other", 15), ("", 10)])
        escalated = rng.random() < 0.12
        median = {"High": 300, "Medium": 900, "Low": 1800}[prio] * (2.0 if escalated else 1.0)
        closed = floor_minute(add_work(opened, lmin(rng, median, 1.2)))
        if closed <= opened:
            closed = opened + timedelta(minutes=1)
        if rng.random() < 0.03:
            closed = export_at + timedelta(days=1)  # stalled cases
        is_closed = closed <= export_at
        if is_closed:
            status = "Closed"
            age = (closed - opened).total_seconds() / 3600
        else:
            open_cases += 1
            status = "Escalated" if escalated else wchoice(rng, [("New", 15), ("Working", 60), ("On Hold", 25)])
            age = (export_at - opened).total_seconds() / 3600
        events += 1 + is_closed
        rows.append([f"{number:08d}", rng.choice(subjects), status, prio, origin, rng.choice(owners),
                     rng.choice(accounts), ctype, "1" if escalated else "0", fmt(opened),
                     fmt(closed) if is_closed else "", "1" if is_closed else "0", f"{age:.1f}"])

    write_csv(name, header, rows, quoting=csv.QUOTE_ALL)
    exp = expected(
        case_id="Case Number", milestones=["Date/Time Opened", "Date/Time Closed"],
        priority="Priority", resource="Case Owner", channel="Case Origin", case_type="Type",
        cases=len(rows), events=events,
        notes=(
            "Salesforce report 'Export details' as CSV: every field quoted, month-first dates with a "
            "12-hour clock and a comma inside the date ('1/5/2024, 10:22 AM'). One row per case: Opened and "
            "Closed are milestones, one event per filled cell. Date/Time Closed is empty for open cases. "
            "Case Number keeps its leading zeros (text). Escalated and Closed are 0/1 checkboxes; "
            "Age (Hours) is a number, not a date. Account Name is a case attribute."
        ),
    )
    exp.update({
        "rows": len(rows),
        "milestone_names": ["Opened", "Closed"],
        "activities": 2,
        "open_cases": open_cases,
        "case_attributes": ["Subject", "Status", "Account Name", "Escalated", "Closed", "Age (Hours)"],
    })
    return name, exp


# ---------------------------------------------------------------------------------------------
# 9. A newest-first event export with offsets in two spellings
# ---------------------------------------------------------------------------------------------

def gen_newest_first():
    rng = random.Random(20240305)
    name = "newest_first_offsets.csv"
    header = ["ticket_id", "event", "agent", "occurred_at"]
    export_at = datetime(2024, 4, 26, 12, 0)
    agents = people(rng, 9)
    starts = sorted(rand_work_time(rng, date(2024, 1, 15), 95) for _ in range(200))
    events = []  # (utc, local, ticket, event, agent)
    open_cases = 0
    number = 40210
    for start in starts:
        number += rng.randint(1, 9)
        ticket = f"T-{number}"
        agent = rng.choice(agents)
        seq = [("Ticket Opened", "", start)]
        t = add_work(start, lmin(rng, 60, 1.0))
        seq.append(("Assigned", agent, t))
        t = add_work(t, lmin(rng, 90, 1.0))
        seq.append(("Agent Replied", agent, t))
        for _ in range(rng.choice([0, 0, 1, 1, 1, 2, 3])):
            t = add_work(t, lmin(rng, 500, 1.2))
            seq.append(("Customer Replied", "", t))
            t = add_work(t, lmin(rng, 120, 1.0))
            seq.append(("Agent Replied", agent, t))
        t = add_work(t, lmin(rng, 300, 1.2))
        seq.append(("Resolved", agent, t))
        if rng.random() < 0.07:
            t = add_work(t, lmin(rng, 900, 1.0))
            seq.append(("Customer Replied", "", t))
            t = add_work(t, lmin(rng, 200, 1.0))
            seq.append(("Resolved", agent, t))
        t = add_work(t, lmin(rng, 2400, 0.5))
        seq.append(("Closed", "", t))
        kept = [s for s in seq if s[2] <= export_at]
        if kept[-1][0] != "Closed":
            open_cases += 1
        for ev, ag, local in kept:
            local = local.replace(microsecond=0)
            off = us_eastern_offset_hours(local)
            utc = local - timedelta(hours=off)
            events.append((utc, local, ticket, ev, ag, off))
    events.sort(key=lambda e: (e[0], e[2]), reverse=True)
    rows = []
    for utc, local, ticket, ev, ag, off in events:
        if rng.random() < 0.5:
            stamp = f"{local:%Y-%m-%d %H:%M:%S} {offset_text(off, False)}"
        else:
            stamp = f"{local:%Y-%m-%dT%H:%M:%S}{offset_text(off, False)}"
        rows.append([ticket, ev, ag, stamp])

    write_csv(name, header, rows)
    exp = expected(
        case_id="ticket_id", activity="event", timestamp="occurred_at", resource="agent",
        cases=len(starts), events=len(rows),
        notes=(
            "Rows sorted newest first (descending instant): events must be re-sorted per case. Offsets "
            "without a colon, two spellings mixed ('2024-03-05 10:22:00 -0500' and "
            "'2024-03-05T10:22:00-0500'); US Eastern time, -0500 before 2024-03-10 and -0400 after, so "
            "compare instants, not local times. agent is empty on customer and system events "
            "(Ticket Opened, Customer Replied, Closed)."
        ),
    )
    exp.update({
        "rows": len(rows),
        "activities": count_distinct(r[1] for r in rows),
        "resources": count_distinct(r[2] for r in rows),
        "open_cases": open_cases,
        "sorted": "descending",
    })
    return name, exp


# ---------------------------------------------------------------------------------------------
# 10. Start/end pairing traps
# ---------------------------------------------------------------------------------------------

def gen_start_end_mismatch():
    rng = random.Random(230206)
    name = "start_end_mismatch.csv"
    header = ["Case", "Activity", "Start", "Finish", "Follow-up", "Agent"]
    export_at = datetime(2023, 5, 19, 12, 0)
    agents = people(rng, 8)
    starts = sorted(rand_work_time(rng, date(2023, 2, 6), 95) for _ in range(180))
    flow = [("Log Request", 6, 0.4), ("Diagnose", 45, 1.0), ("Call Customer", 12, 0.6), ("Order Part", 15, 0.5),
            ("Repair", 90, 0.9), ("Quality Check", 20, 0.6), ("Close Case", 5, 0.4)]
    rows = []
    number = 5100
    open_cases = 0
    follow_before = 0
    zero = 0
    for start in starts:
        number += rng.randint(1, 5)
        case = f"WO-{number}"
        agent = rng.choice(agents)
        steps = [f for f in flow if f[0] not in ("Order Part", "Call Customer") or rng.random() < 0.5]
        if rng.random() < 0.15:
            i = steps.index(next(f for f in steps if f[0] == "Repair"))
            steps = steps[:i + 1] + [("Repair", 60, 0.9)] + steps[i + 1:]
        t = floor_minute(start)
        case_rows = []
        for act, median, sigma in steps:
            s = t
            dur = 0 if rng.random() < 0.03 else lmin(rng, median, sigma)
            f = floor_minute(add_work(s, dur)) if dur else s
            if f < s:
                f = s
            if f == s:
                zero += 1
            if f > export_at or s > export_at:
                break
            r = rng.random()
            if r < 0.85:
                # A working-hours moment between six days and half an hour before Start.
                while True:
                    d = (s - timedelta(days=rng.randint(0, 6))).date()
                    fu = datetime(d.year, d.month, d.day, WORK_START) + timedelta(minutes=rng.randrange(600))
                    if d.weekday() < 5 and fu <= s - timedelta(minutes=30):
                        break
                follow_before += 1
                fu_s = fmt_ymd_hm(fu)
            elif r < 0.95:
                fu_s = fmt_ymd_hm(floor_minute(to_work(f + timedelta(days=rng.randint(1, 7)))))
            else:
                fu_s = ""
            case_rows.append([case, act, fmt_ymd_hm(s), fmt_ymd_hm(f), fu_s, agent if act != "Log Request" else rng.choice(agents)])
            t = floor_minute(add_work(f, lmin(rng, 240, 1.3)))
        if not case_rows:
            continue
        if case_rows[-1][1] != "Close Case":
            open_cases += 1
        rows.extend(case_rows)
    cases = count_distinct(r[0] for r in rows)
    write_csv(name, header, rows)
    exp = expected(
        case_id="Case", activity="Activity", start_time="Start", end_time="Finish", resource="Agent",
        cases=cases, events=len(rows),
        notes=(
            "Start and Finish are a true start/end pair (Finish >= Start in every row; equal in "
            "zero_duration_rows rows): one event per row with a duration. Follow-up is a date column that "
            "is NOT an end time: it is before Start in follow_up_before_start rows and empty in some. "
            "It stays an attribute. All three columns share one format (yyyy-mm-dd hh:mm)."
        ),
    )
    exp.update({
        "rows": len(rows),
        "activities": count_distinct(r[1] for r in rows),
        "resources": count_distinct(r[5] for r in rows),
        "open_cases": open_cases,
        "zero_duration_rows": zero,
        "follow_up_before_start": follow_before,
        "date_attributes": ["Follow-up"],
        "not_end_time": ["Follow-up"],
    })
    return name, exp


def gen_start_end_not_a_pair():
    rng = random.Random(221231)
    name = "start_end_not_a_pair.csv"
    header = ["Case", "Activity", "Timestamp", "End Date", "Agent"]
    export_at = datetime(2023, 6, 16, 12, 0)
    agents = people(rng, 7)
    starts = sorted(rand_work_time(rng, date(2023, 3, 6), 91) for _ in range(200))
    rows = []
    number = 10020
    open_cases = 0
    before = 0
    for start in starts:
        number += rng.randint(1, 7)
        case = f"CT-{number}"
        agent = rng.choice(agents)
        r = rng.random()
        if r < 0.75:
            contract_end = date(start.year - rng.choice([0, 0, 1]), rng.choice([1, 3, 6, 9, 12]), 1) - timedelta(days=1)
            if contract_end >= start.date():
                contract_end = date(start.year - 1, 12, 31)
        else:
            contract_end = date(start.year + rng.choice([0, 1]), 12, 31)
        end_s = f"{contract_end:%Y-%m-%d} 00:00:00"
        seq = ["Request Received", "Check Contract"]
        if rng.random() < 0.8:
            seq.append("Quote Sent")
            if rng.random() < 0.3:
                seq.append("Quote Revised")
            seq.append(wchoice(rng, [("Customer Accepted", 75), ("Customer Declined", 25)]))
            if seq[-1] == "Customer Accepted":
                seq.append("Renewal Processed")
        seq.append("Closed")
        t = start
        case_rows = []
        for i, act in enumerate(seq):
            if i:
                t = add_work(t, lmin(rng, 600 if act != "Check Contract" else 90, 1.1))
            if t > export_at:
                break
            case_rows.append([case, act, fmt_ymd_hms(t), end_s, agent if act != "Request Received" else ""])
            if datetime(contract_end.year, contract_end.month, contract_end.day) < t:
                before += 1
        if case_rows[-1][1] != "Closed":
            open_cases += 1
        rows.extend(case_rows)
    write_csv(name, header, rows)
    exp = expected(
        case_id="Case", activity="Activity", timestamp="Timestamp", resource="Agent",
        cases=len(starts), events=len(rows),
        notes=(
            "End Date is the customer's contract end date: the same value on every row of a case and "
            "before the event time in rows_end_date_before_timestamp rows. It must NOT be paired with "
            "Timestamp as an end time; it is a case attribute. Agent is empty on 'Request Received' rows."
        ),
    )
    exp.update({
        "rows": len(rows),
        "activities": count_distinct(r[1] for r in rows),
        "resources": count_distinct(r[4] for r in rows),
        "open_cases": open_cases,
        "rows_end_date_before_timestamp": before,
        "case_attributes": ["End Date"],
        "date_attributes": ["End Date"],
        "not_end_time": ["End Date"],
    })
    return name, exp


# ---------------------------------------------------------------------------------------------
# 11. Logs with hundreds of activities (Zipf-like frequencies)
# ---------------------------------------------------------------------------------------------

CORE = ["Create Ticket", "Categorize", "Assign to Agent", "Acknowledge", "Investigate", "Request Information",
        "Receive Information", "Propose Solution", "Customer Confirms", "Resolve", "Close", "Escalate to Tier 2",
        "Reassign", "Change Priority", "Reopen"]
TAIL_VERBS = ["Check", "Update", "Verify", "Review", "Send", "Record", "Approve", "Cancel", "Schedule", "Validate",
              "Request", "Correct", "Notify", "Archive", "Export", "Merge", "Reset", "Calculate", "Print", "Attach",
              "Compare", "Translate", "Forward", "Lock", "Unlock"]
TAIL_OBJECTS = ["invoice", "contract", "address", "credit limit", "delivery note", "warranty", "serial number",
                "shipping label", "refund", "discount", "tax code", "bank details", "purchase order", "license key",
                "SLA clock", "spare part", "field visit", "customer consent", "return label", "price list",
                "customer survey", "audit record", "backup", "firmware", "access rights", "VPN profile",
                "mailbox quota", "printer queue", "asset tag", "loan device"]


def tail_names(rng, n):
    combos = [f"{v} {o}" for v in TAIL_VERBS for o in TAIL_OBJECTS]
    rng.shuffle(combos)
    return combos[:n]


def gen_many(name, seed, n_cases, n_activities, top_tail, first_day, days):
    rng = random.Random(seed)
    header = ["case_id", "activity", "timestamp", "resource"]
    tail = tail_names(rng, n_activities - len(CORE))
    agents = [f"agent{n:02d}" for n in range(1, 41)]
    # Zipf-like tail: the k-th tail activity occurs about top_tail / k^0.9 times, at least once.
    pool = []
    for k, act in enumerate(tail, start=1):
        pool += [act] * max(1, round(top_tail / k ** 0.9))
    rng.shuffle(pool)
    traces = []
    for _ in range(n_cases):
        tr = ["Create Ticket", "Categorize", "Assign to Agent", "Acknowledge", "Investigate"]
        if rng.random() < 0.1:
            tr.insert(3, "Change Priority")
        if rng.random() < 0.1:
            tr.insert(rng.randint(3, len(tr)), "Reassign")
        for _ in range(rng.choice([0, 0, 0, 0, 0, 1, 1, 2])):
            tr += ["Request Information", "Receive Information"]
        if rng.random() < 0.1:
            tr += ["Escalate to Tier 2", "Investigate"]
        tr += ["Propose Solution"]
        if rng.random() < 0.35:
            tr.append("Customer Confirms")
        tr += ["Resolve"]
        if rng.random() < 0.04:
            tr += ["Reopen", "Investigate", "Resolve"]
        tr.append("Close")
        traces.append(tr)
    starts = sorted(rand_work_time(rng, first_day, days) for _ in range(n_cases))
    export_at = datetime.combine(first_day + timedelta(days=days + 7), datetime.min.time()) + timedelta(hours=12)
    # Spread the tail over the cases, in the middle of the trace, keeping 8-25 events; only
    # cases that finish well before the export get rare steps, so that every one is in the file.
    settled = [i for i in range(n_cases) if starts[i] < export_at - timedelta(days=40)]
    for act in pool:
        while True:
            i = rng.choice(settled)
            if len(traces[i]) < 25:
                break
        traces[i].insert(rng.randint(3, len(traces[i]) - 1), act)
    for tr in traces:
        while len(tr) < 8:
            tr.insert(len(tr) - 1, "Investigate")
    rows = []
    for n, (start, tr) in enumerate(zip(starts, traces), start=1):
        case = f"C{n:05d}"
        agent = rng.choice(agents)
        times = [start]
        for _ in tr[1:]:
            times.append(add_work(times[-1], lmin(rng, 120, 1.3)))
        for act, t in zip(tr, increasing_minutes(times)):
            if t > export_at:
                break
            who = agent if rng.random() < 0.8 else rng.choice(agents)
            rows.append([case, act, f"{t:%Y-%m-%dT%H:%M}", who])
    write_csv(name, header, rows)
    counts = {}
    for r in rows:
        counts[r[1]] = counts.get(r[1], 0) + 1
    assert len(counts) == n_activities, (name, len(counts))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    exp = expected(
        case_id="case_id", activity="activity", timestamp="timestamp", resource="resource",
        cases=n_cases, events=len(rows),
        notes=(
            f"{n_activities} distinct activities with Zipf-like frequencies: 15 core steps of a service "
            "process occur in nearly every case, the long tail of rare steps occurs from a few hundred "
            "times down to once. ISO times without zone. Cases started in the last days before the "
            "export are cut off (open)."
        ),
    )
    last = {}
    for r in rows:
        last[r[0]] = r[1]
    exp.update({
        "rows": len(rows),
        "activities": len(counts),
        "resources": count_distinct(r[3] for r in rows),
        "open_cases": sum(1 for a in last.values() if a != "Close"),
        "activities_seen_once": sum(1 for _, c in ranked if c == 1),
        "top_activities": [a for a, _ in ranked[:15]],
    })
    return name, exp


def gen_many_600():
    return gen_many("many_activities_600.csv", 600, 3000, 600, 240, date(2019, 1, 7), 98)


def gen_many_400():
    return gen_many("many_activities_400.csv", 398, 2000, 398, 200, date(2020, 9, 7), 91)


# ---------------------------------------------------------------------------------------------
# 12. Vocabulary a service tool cannot recognise
# ---------------------------------------------------------------------------------------------

def gen_unknown_vocabulary():
    rng = random.Random(190305)
    name = "unknown_vocabulary.csv"
    header = ["case_id", "activity", "timestamp", "agent"]
    export_at = datetime(2019, 6, 14, 12, 0)
    agents = ["mw_jansen", "mw_bakker", "dhr_visser", "dhr_smit", "mw_de_boer", "dhr_mulder", "mw_bos"]
    starts = sorted(rand_work_time(rng, date(2019, 2, 25), 98) for _ in range(300))
    rows = []
    open_cases = 0
    number = 88000
    for start in starts:
        number += rng.randint(1, 6)
        case = f"ZK{number}"
        agent = rng.choice(agents)
        seq = [("Melding_ontvangen", ""), ("STAP_A1", agent), ("Toewijzen_B2", agent), ("In_behandeling", agent)]
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            seq += [("Wacht_klant_W1", agent), ("Reactie_klant_R1", "")]
        if rng.random() < 0.2:
            seq += [("Doorzetten_2e_lijn", agent), ("STAP_C4", rng.choice(agents))]
        seq += [("Oplossing_voorgesteld", agent), ("Afgehandeld_X", agent)]
        if rng.random() < 0.06:
            seq += [("Heropend_H1", ""), ("In_behandeling", agent), ("Afgehandeld_X", agent)]
        seq.append(("ARCH_Z9", "systeem"))
        t = start
        case_rows = []
        for i, (act, who) in enumerate(seq):
            if i:
                t = add_work(t, lmin(rng, 2400 if act == "ARCH_Z9" else 240, 0.5 if act == "ARCH_Z9" else 1.2))
            if t > export_at:
                break
            case_rows.append([case, act, fmt_ymd_hms(t), who])
        if case_rows[-1][1] not in ("Afgehandeld_X", "ARCH_Z9"):
            open_cases += 1
        rows.extend(case_rows)
    write_csv(name, header, rows)
    exp = expected(
        case_id="case_id", activity="activity", timestamp="timestamp", resource="agent",
        cases=len(starts), events=len(rows),
        notes=(
            "Activity names in no standard vocabulary (Dutch words with internal codes): "
            "Afgehandeld_X = resolved, ARCH_Z9 = archived/closed, Wacht_klant_W1 = awaiting customer, "
            "Heropend_H1 = reopened. A service tool cannot recognise resolution or closure from the "
            "names; open_cases counts cases that end before Afgehandeld_X."
        ),
    )
    exp.update({
        "rows": len(rows),
        "activities": count_distinct(r[1] for r in rows),
        "resources": count_distinct(r[3] for r in rows),
        "open_cases": open_cases,
        "resolution_activity": "Afgehandeld_X",
        "closure_activity": "ARCH_Z9",
    })
    return name, exp


def gen_unrecognised_final_states():
    rng = random.Random(4004)
    name = "unrecognised_final_states.csv"
    header = ["case_id", "activity", "timestamp", "agent"]
    export_at = datetime(2022, 5, 27, 12, 0)
    agents = people(rng, 10)
    finals = [("Fixed", 58), ("Won't Do", 12), ("Duplicate", 11), ("Cancelled by requester", 9), ("Cannot Reproduce", 10)]
    starts = sorted(rand_work_time(rng, date(2022, 2, 14), 98) for _ in range(400))
    rows = []
    open_cases = 0
    final_counts = {}
    number = 3300
    for start in starts:
        number += rng.randint(1, 4)
        case = f"DESK-{number}"
        agent = rng.choice(agents)
        final = wchoice(rng, finals)
        seq = [("New", ""), ("Triage", agent)]
        if final == "Cancelled by requester" and rng.random() < 0.5:
            seq.append((final, ""))
        else:
            seq.append(("In Progress", agent))
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                wait = wchoice(rng, [("Awaiting Customer", 70), ("Pending Vendor", 30)])
                seq += [(wait, agent), ("In Progress", agent)]
            seq.append((final, "" if final == "Cancelled by requester" else agent))
        t = start
        case_rows = []
        for i, (act, who) in enumerate(seq):
            if i:
                median = 1500 if act == "In Progress" and seq[i - 1][0] in ("Awaiting Customer", "Pending Vendor") else 300
                t = add_work(t, lmin(rng, median, 1.2))
            if t > export_at:
                break
            case_rows.append([case, act, fmt_ymd_hms(t), who])
        last = case_rows[-1][1]
        if last not in [f for f, _ in finals]:
            open_cases += 1
        else:
            final_counts[last] = final_counts.get(last, 0) + 1
        rows.extend(case_rows)
    write_csv(name, header, rows)
    exp = expected(
        case_id="case_id", activity="activity", timestamp="timestamp", resource="agent",
        cases=len(starts), events=len(rows),
        notes=(
            "Cases end in final states a generic service vocabulary does not name (Fixed, Won't Do, "
            "Duplicate, Cancelled by requester, Cannot Reproduce); Awaiting Customer and Pending Vendor are "
            "waiting states. There is no Resolved/Closed activity. open_cases counts cases whose last event "
            "is not one of final_states. agent is empty on New and on cancellations by the requester."
        ),
    )
    exp.update({
        "rows": len(rows),
        "activities": count_distinct(r[1] for r in rows),
        "resources": count_distinct(r[3] for r in rows),
        "open_cases": open_cases,
        "final_states": [f for f, _ in finals],
        "final_state_counts": {f: final_counts.get(f, 0) for f, _ in finals},
        "waiting_states": ["Awaiting Customer", "Pending Vendor"],
    })
    return name, exp


# ---------------------------------------------------------------------------------------------

GENERATORS = [
    gen_servicenow, gen_jira_status, gen_jira_changelog, gen_311, gen_zendesk, gen_time_in_status, gen_bpic,
    gen_salesforce, gen_newest_first, gen_start_end_mismatch, gen_start_end_not_a_pair, gen_many_600,
    gen_many_400, gen_unknown_vocabulary, gen_unrecognised_final_states,
]


def main():
    result = {}
    for gen in GENERATORS:
        name, exp = gen()
        result[name] = exp
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8", newline="") as f:
        f.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    for name, exp in result.items():
        size = os.path.getsize(os.path.join(HERE, name))
        print(f"{name:36} {size:>9} bytes  {exp['cases']:>5} cases  {exp['events']:>6} events")


if __name__ == "__main__":
    main()
