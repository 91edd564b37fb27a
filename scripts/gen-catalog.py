#!/usr/bin/env python3
"""gen-catalog.py - writes models/catalog.def, the instance catalog's C
initializers, from the source data in data/instances.json.

    python3 scripts/gen-catalog.py [INSTANCES_JSON] [-o OUTPUT] [-q]

INSTANCES_JSON defaults to data/instances.json and OUTPUT to
models/catalog.def, both relative to the repository root (`make catalog`
runs it). Developers run it when instances.json changes and commit the
result; the build never runs it, and `make test` only checks, when python3
is there, that regenerating gives the committed file byte for byte.
Standard library only. The output depends on the input alone.

The JSON holds two kinds of rows. "profiles_2023" are the 61 profiles
compiled earlier from the EC2 User Guide of 2023-06-15 (each with its own
"source" object); "rows" are sizes added from the revisions listed under
"revisions", one line each, whose fields take their source from the row's
family under "families" (hardware page, processor, clock, hypervisor) and
the processor's core under "cores" (work per cycle). A row with a field no
source gives (null) is left out of the catalog, and the review says so.

It prints, for review, how each clock figure was chosen and how each row's
default generation was derived. Exit status: 0, or 1 with a message naming
the row and field when the JSON holds something this script does not know
how to map (a new hypervisor, a clock text with no GHz figure, ...).
"""

import argparse
import decimal
import hashlib
import json
import os
import re
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_INPUT = os.path.join("data", "instances.json")
DEFAULT_OUTPUT = os.path.join("models", "catalog.def")

# Sizes of the char arrays of struct instance_profile (models/instance.h).
NAME_MAX = 32
FAMILY_MAX = 16
GENERATION_MAX = 24

GENERATIONS = ("emulated", "xen-pv", "xen-hvm", "xen-pvhvm", "xen-sriov-net",
               "xen-sriov-net-disk", "nitro", "metal")

# T2 Standard launch credits, per vCPU (AWS UG
# burstable-performance-instances-standard-mode-concepts.md).
T2_LAUNCH_CREDITS_PER_VCPU = 30

# Which User Guide page lists each family's sizes, by the family's class
# letter (t, m: general purpose; c: compute; r: memory; i: storage).
UG_PAGE_BY_CLASS = {
    "t": "general-purpose-instances.md",
    "m": "general-purpose-instances.md",
    "c": "compute-optimized-instances.md",
    "r": "memory-optimized-instances.md",
    "i": "storage-optimized-instances.md",
}

GHZ_RE = re.compile(r"(\d+(?:\.\d+)?)\s*GHz")
UG_RE = re.compile(r"awsdocs/amazon-ec2-user-guide@([0-9a-f]{7,40})")


class MappingError(Exception):
    """Something in the JSON that this script cannot map; names the row."""


def fail(row, field, why):
    raise MappingError("%s: %s: %s" % (row.get("instance_type", "?"), field,
                                       why))


# ---- field mapping ----

def choose_clock(text):
    """Returns (ghz, rule): the sustained/all-core figure of a clock text.

    The text is split into clauses at ',' and ';'. The first figure of the
    first clause that says "sustained" or "all-core" wins; without one, the
    first figure of a clause that is not a "turbo to" peak ("2.9 GHz base,
    turbo to 3.5 GHz" -> 2.9: a peak is not sustained); "up to N GHz"
    alone counts as the figure given.
    """
    clauses = re.split(r"[,;]", text)
    figures = []
    for clause in clauses:
        for m in GHZ_RE.finditer(clause):
            figures.append((float(m.group(1)), clause.lower()))
    if not figures:
        return None, None
    for ghz, clause in figures:
        if "sustained" in clause or "all-core" in clause:
            return ghz, "sustained/all-core figure"
    for ghz, clause in figures:
        if "turbo to" not in clause:
            if "up to" in clause:
                return ghz, "'up to' figure, the only one given"
            return ghz, "first figure (no sustained figure given)"
    return figures[0][0], "first figure (only peak figures given)"


def default_generation(row):
    hyp = row["hypervisor"].lower()
    if "bare metal" in hyp:
        return "metal", "bare metal"
    if hyp.startswith("nitro"):
        return "nitro", "Nitro"
    if hyp == "xen":
        store = row.get("instance_store", "")
        enh = row["enhanced_networking"]
        if "NVMe" in store:
            return ("xen-sriov-net-disk",
                    "Xen, SR-IOV network and NVMe instance store")
        if enh.startswith("ENA") or enh.startswith("Intel 82599 VF"):
            return "xen-sriov-net", "Xen, SR-IOV network (%s)" % (
                short_networking(row))
        return "xen-pvhvm", "Xen HVM, PV drivers, no enhanced networking"
    fail(row, "hypervisor", "unknown hypervisor '%s'" % row["hypervisor"])
    return None, None


def short_networking(row):
    enh = row["enhanced_networking"]
    if enh.startswith("none"):
        return "none"
    if enh.startswith("Intel 82599 VF"):
        return "Intel 82599 VF"
    compact = enh.replace(" ", "")
    if compact in ("ENA", "ENA+EFA"):
        return compact
    fail(row, "enhanced_networking", "unknown value '%s'" % enh)
    return None


def ebs_fields(row):
    """(baseline Mb/s, max Mb/s, baseline IOPS, max IOPS); zeros when the
    JSON gives a string (not EBS-optimized)."""
    ebs = row["ebs"]
    if isinstance(ebs, str):
        return 0.0, 0.0, 0.0, 0.0
    try:
        return (float(ebs["ebs_baseline_mbps"]), float(ebs["ebs_max_mbps"]),
                float(ebs["ebs_baseline_iops_16k"]),
                float(ebs["ebs_max_iops_16k"]))
    except KeyError as e:
        fail(row, "ebs", "missing %s" % e)
    return None


def fraction(pct):
    """A percentage as a fraction, without binary round-off (30 -> 0.3)."""
    return float(decimal.Decimal(repr(float(pct))) / 100)


def credit_fields(row):
    """(rules dict, note on launch credits) for a burstable row."""
    cc = row.get("cpu_credits")
    if not cc:
        fail(row, "cpu_credits", "burstable row without credit rules")
    mode = cc["default_credit_mode"]
    if mode not in ("standard", "unlimited"):
        fail(row, "cpu_credits.default_credit_mode", "unknown '%s'" % mode)
    vcpus = row["vcpus"]
    launch = float(cc["launch_credits"])
    note = None
    if row["family"] == "t2" and mode == "standard":
        per_vcpu = T2_LAUNCH_CREDITS_PER_VCPU
        if launch == per_vcpu * vcpus:
            note = ("launch credits: T2 Standard gets %d per vCPU; %d x %d "
                    "vCPU = %g (the JSON already gives the instance's total)"
                    % (per_vcpu, per_vcpu, vcpus, launch))
        elif launch == per_vcpu:
            launch = float(per_vcpu * vcpus)
            note = ("launch credits: the JSON gives %d per vCPU; x %d vCPU "
                    "= %g for the instance" % (per_vcpu, vcpus, launch))
        else:
            fail(row, "cpu_credits.launch_credits",
                 "%g is neither %d nor %d x %d vCPU" % (
                     launch, per_vcpu, per_vcpu, vcpus))
    elif launch == 0:
        note = "launch credits: 0, as the JSON gives (%s mode)" % mode
    else:
        note = "launch credits: %g, as the JSON gives" % launch
    rules = {
        "credits_per_hour": float(cc["credits_earned_per_hour"]),
        "max_credits": float(cc["max_accrued_credits"]),
        "baseline_per_vcpu": fraction(cc["baseline_utilization_per_vcpu_pct"]),
        "launch_credits": launch,
        "unlimited": mode == "unlimited",
        "surplus_usd_per_vcpu_hour":
            float(cc["unlimited_surplus_charge_usd_per_vcpu_hour_linux"]),
    }
    earn = rules["baseline_per_vcpu"] * vcpus * 60
    if abs(earn - rules["credits_per_hour"]) > 1e-6 * earn:
        fail(row, "cpu_credits", "earn rate %g/h is not baseline x vCPUs x "
             "60 = %g" % (rules["credits_per_hour"], earn))
    return rules, note


def same_size_twin(row, rows):
    """The same family's other row with the same vCPUs and memory (a metal
    row's virtualized twin), or None."""
    for other in rows:
        if (other is not row and other["family"] == row["family"] and
                other["vcpus"] == row["vcpus"] and
                other["memory_gib"] == row["memory_gib"]):
            return other
    return None


def price_of(r):
    """A row's on-demand price, or None."""
    return r["on_demand_usd_per_hour_us_east_1_linux"]


def sibling_price(row, rows):
    """For a metal row without a price: its same-size twin's price, on the
    evidence of the dataset's priced metal rows, each priced as its twin.
    Returns (price, note for the comment)."""
    twin = same_size_twin(row, rows)
    metal = "bare metal" in row["hypervisor"]
    if not metal or not twin or not price_of(twin):
        fail(row, "on_demand_usd_per_hour_us_east_1_linux",
             "no price, and no priced same-size twin to take it from")
    alike, unlike = [], []
    for r in rows:
        t = same_size_twin(r, rows)
        if ("bare metal" in r["hypervisor"] and price_of(r) and t and
                price_of(t)):
            (alike if price_of(r) == price_of(t) else unlike).append(r)
    if unlike or not alike:
        fail(row, "on_demand_usd_per_hour_us_east_1_linux",
             "no price; and the dataset's metal rows are not all priced as "
             "their twins (%s), so none is assumed" %
             ", ".join(r["instance_type"] for r in unlike) or "no evidence")
    price = float(price_of(twin))
    note = ("NOT in the dataset (its source: '%s'); assumed equal to %s's "
            "$%g/h, as %s each cost the same as their same-size twin in the "
            "dataset" % (row["source"]["price"], twin["instance_type"], price,
                         ", ".join(r["instance_type"] for r in alike)))
    return price, note


# ---- source comments ----

def ug_revision(text):
    m = UG_RE.search(text)
    return m.group(1) if m else None


def source_lines(row, m):
    """The comment lines citing where each figure of a row comes from,
    shortened from the JSON's source strings."""
    src = row["source"]
    hw = src["vcpu_memory_network_enhanced_networking"]
    rev = ug_revision(hw)
    date = re.search(r"\((\d{4}-\d{2}-\d{2})\)", hw)
    lines = [row["instance_type"]]
    if rev:
        lines.append("AWS EC2 UG (awsdocs/amazon-ec2-user-guide@%s%s):"
                     % (rev, ", %s" % date.group(1) if date else ""))
        page = UG_PAGE_BY_CLASS.get(row["family"][0],
                                    "{general-purpose,compute-optimized,"
                                    "memory-optimized,storage-optimized}"
                                    "-instances.md")
        lines.append("  vCPU, memory, network: " + page)
        if m["enhanced_networking"] == "Intel 82599 VF":
            vf = re.search(r"m4/c4 Intel 82599 VF per (.*)$", hw)
            lines.append("  Intel 82599 VF: " +
                         re.sub(r"\(same rev\) and ([0-9a-f]{7,40}) ",
                                r"(same rev), and the @\1 ",
                                vf.group(1) if vf else hw))
        if isinstance(row["ebs"], str):
            lines.append("  EBS: %s (%s)" % (
                row["ebs"], same_rev(src["ebs"], rev, "ebs-optimized.md")))
        else:
            lines.append("  EBS: " + same_rev(src["ebs"], rev,
                                               "ebs-optimized.md"))
        lines.append("  hypervisor: " + same_rev(
            src["hypervisor"], rev,
            'instance-types.md "Instances built on the Nitro System"'))
        lines.append("  processor: " + same_rev(
            src["processor"], rev, 'per-family "Processor" lists'))
        if row.get("instance_store_nvme_random_read_iops_4k"):
            lines.append("  local NVMe 4 KiB IOPS: storage-optimized-"
                         "instances.md (per shared/data/calibration.md; the "
                         "row names no source)")
    else:
        lines.append("hardware: " + hw)
        lines.append("EBS: " + src["ebs"])
        lines.append("hypervisor: " + src["hypervisor"])
        lines.append("processor: " + src["processor"])
    if row.get("cpu_credits"):
        cc_src = row["cpu_credits"]["source"]
        if ug_revision(cc_src) == rev and rev:
            lines.append("  credits: burstable-credits-baseline-concepts.md "
                         "(credit table),")
            lines.append("    burstable-performance-instances-standard-mode-"
                         "concepts.md (launch),")
            lines.append("    burstable-performance-instances-unlimited-mode-"
                         "concepts.md (surplus)")
        else:
            lines.append("credits: " + cc_src)
        lines.append("  " + m["launch_note"])
    price = src["price"]
    pm = re.match(r"third-party: github\.com/(\S+) (\S+) .*monthly / 730 h",
                  price)
    if m["price_note"]:
        lines.append("price: " + m["price_note"])
    elif pm:
        lines.append("price: third-party dataset %s %s, monthly / 730 h "
                     "(matches AWS-published us-east-1 Linux prices)"
                     % (pm.group(1), pm.group(2)))
    else:
        lines.append("price: " + price)
    lines.append("clock: unverified recollection; AWS product pages not "
                 "retrieved")
    lines.append("processor vendor, architecture (D): from the processor "
                 "text (Intel Xeon: x86_64)")
    lines.append("work per cycle: " + m["work_per_cycle_source"])
    lines.append("ENA Express: " + m["ena_express_note"])
    return lines


def same_rev(text, rev, short):
    """`short` when text cites the same User Guide revision, else text."""
    return short if ug_revision(text) == rev else text


# ---- C output ----

def c_comment(lines, width=78):
    out = ["/*"]
    for line in lines:
        line = line.replace("*/", "* /")
        indent = len(line) - len(line.lstrip(" "))
        while len(line) + 3 > width:
            cut = line.rfind(" ", indent + 1, width - 3)
            if cut <= indent:
                break
            out.append(" * " + line[:cut])
            line = " " * (indent + 2) + line[cut + 1:]
        out.append(" * " + line)
    out.append(" */")
    return out


def c_string_chunks(s):
    """Escaped pieces of s as a C string literal's contents."""
    out = []
    for ch in s:
        if ch in "\\\"":
            out.append("\\" + ch)
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            # Byte escapes of the UTF-8 form; octal so that no following
            # hex digit is taken as part of the escape.
            out.extend("\\%03o" % b for b in ch.encode("utf-8"))
    return out


def c_string(s, first_col, width=79, cont_indent=8):
    """s as one or more adjacent C string literals, lines within width."""
    chunks = c_string_chunks(s)
    pieces = []
    cur = ""
    room = width - first_col - 2
    for i, chunk in enumerate(chunks):
        if len(cur) + len(chunk) > room:
            # Break after the last space when there is one in reach.
            sp = cur.rfind(" ")
            if sp > len(cur) // 2:
                pieces.append(cur[:sp + 1])
                cur = cur[sp + 1:]
            else:
                pieces.append(cur)
                cur = ""
            room = width - cont_indent - 2
        cur += chunk
    pieces.append(cur)
    lines = ['"%s"' % pieces[0]]
    lines += [" " * cont_indent + '"%s"' % p for p in pieces[1:]]
    return "\n".join(lines)


def c_double(x):
    return repr(float(x))


def entry(m):
    """One INSTANCE(...) call: designated initializers, related fields
    sharing a line when they fit in 79 columns."""
    ind = " " * 4
    out = ["INSTANCE("]

    def s(value):
        return (c_string(value, 0, width=10000), value)

    def group(items, indent=ind):
        """Puts `.key = value` items on one line if it fits, else one per
        line; long strings wrap into adjacent literals. A value is C text,
        or (C text, Python string) for strings."""
        items = [(k, v) if isinstance(v, tuple) else (k, (v, None))
                 for k, v in items]
        line = indent + " ".join(".%s = %s," % (k, v[0]) for k, v in items)
        if len(line) <= 79:
            out.append(line)
            return
        for key, (text, raw) in items:
            prefix = "%s.%s = " % (indent, key)
            if raw is not None:
                text = c_string(raw, len(prefix))
            out.append(prefix + text + ",")

    def d(key):
        return (key, c_double(m[key]))

    group([("name", s(m["name"])), ("family", s(m["family"]))])
    group([("vcpus", str(m["vcpus"])), d("memory_gib"), d("cpu_ghz")])
    group([("clock_source", s(m["clock_source"]))])
    group([d("net_baseline_gbps"), d("net_burst_gbps")])
    group([d("ebs_baseline_mbps"), d("ebs_max_mbps")])
    group([d("ebs_baseline_iops"), d("ebs_max_iops")])
    group([d("local_read_iops"), d("local_write_iops")])
    group([("generation", s(m["generation"])),
           ("hypervisor", s(m["hypervisor"]))])
    group([("enhanced_networking", s(m["enhanced_networking"]))])
    group([("processor", s(m["processor"]))])
    group([("cpu_vendor", s(m["processor_vendor"])), ("arch", s(m["arch"])),
           ("clock_status", s(m["clock_status"]))])
    group([d("work_per_cycle"),
           ("work_per_cycle_status", s(m["work_per_cycle_status"]))])
    group([("work_per_cycle_source", s(m["work_per_cycle_source"]))])
    group([("ena_express", s(m["ena_express"])),
           ("efa", "true" if m["efa"] else "false")])
    group([d("usd_per_hour"),
           ("burstable", "true" if m["credits"] else "false")])
    if m["credits"]:
        c = m["credits"]
        out.append(ind + ".credits = {")
        group([("credits_per_hour", c_double(c["credits_per_hour"])),
               ("max_credits", c_double(c["max_credits"]))], ind * 2)
        group([("baseline_per_vcpu", c_double(c["baseline_per_vcpu"])),
               ("launch_credits", c_double(c["launch_credits"]))], ind * 2)
        group([("unlimited", "true" if c["unlimited"] else "false"),
               ("surplus_usd_per_vcpu_hour",
                c_double(c["surplus_usd_per_vcpu_hour"]))], ind * 2)
        out.append(ind + "},")
    # No trailing comma after the last initializer inside the macro call;
    # catalog.c's INSTANCE adds the separator between elements.
    out[-1] = out[-1].rstrip(",")
    out.append(")")
    return out


# ---- the added rows ----

SIZE_RE = re.compile(r"^([a-z][a-z0-9-]*)\.([a-z0-9-]+)$")
STATUSES = ("V", "S", "R", "D", "C")


def core_fields(core_name, cores, where):
    """(work per cycle, status, source) of a core of the "cores" table."""
    core = cores.get(core_name)
    if core is None:
        raise MappingError("%s: unknown core '%s'" % (where, core_name))
    if core["status"] not in STATUSES or not 0 < core["work_per_cycle"] < 10:
        raise MappingError("%s: core '%s' has a bad status or work per "
                           "cycle" % (where, core_name))
    return (float(core["work_per_cycle"]), core["status"],
            "%s (%s): %s" % (core_name, core["status"], core["source"]))


def legacy_core(row, doc):
    fams = doc["legacy_cores"]["families"]
    return fams.get(row["family"], "intel-skylake")


def revision_label(doc, key):
    """'repo@commit path' or 'repo path (index file id N)' for a revision."""
    r = doc["revisions"].get(key)
    if r is None:
        raise MappingError("unknown revision '%s'" % key)
    path = r.get("path") or r.get("files", "")
    if r.get("commit"):
        return "%s@%s %s" % (r["repo"], r["commit"][:12], path)
    return "%s %s (newest stored copy, index file id %s; commit not " \
           "named by the look-up)" % (r["repo"], path, r["index_file_id"])


def monthly_price(row):
    """usd_per_hour from a row's price_monthly_usd: / 730 h, rounded to 4
    decimals (the dataset rounds monthly figures to cents); 0 when none."""
    monthly = row.get("price_monthly_usd")
    if monthly is None:
        return 0.0
    hourly = (decimal.Decimal(monthly) / 730).quantize(
        decimal.Decimal("0.0001"), rounding=decimal.ROUND_HALF_EVEN)
    if hourly <= 0:
        raise MappingError("%s: price_monthly_usd %s" % (
            row["instance_type"], monthly))
    return float(hourly)


def price_line(row, doc):
    p = doc["prices"]
    if row.get("price_monthly_usd") is None:
        return ("price: none (not in %s@%s %s); usd_per_hour 0, outputs "
                "show n/a" % (p["repo"], p["commit"][:12], p["path"]))
    return ("price: third-party dataset %s@%s %s 'Linux On Demand cost' $%s "
            "monthly / 730 h, to 4 decimals (region not stated; agrees "
            "with AWS us-east-1 Linux where compared)" % (
                p["repo"], p["commit"][:12], p["path"],
                row["price_monthly_usd"]))


def map_new_row(row, doc):
    """A row of "rows" mapped like map_row's result, or (None, why) when a
    field it needs is null in every source read."""
    name = row["instance_type"]
    m = SIZE_RE.match(name)
    if not m:
        raise MappingError("%s: instance_type: not FAMILY.SIZE" % name)
    family = m.group(1)
    fam = doc["families"].get(family)
    if fam is None:
        raise MappingError("%s: family '%s' is not under \"families\""
                           % (name, family))
    if row.get("left_out"):
        return None, row["left_out"]
    missing = [k for k in ("vcpus", "memory_gib", "network_gbps", "ebs")
               if row.get(k) is None]
    if missing:
        return None, "%s not given by the revisions read" % ", ".join(missing)
    base, burst = row["network_gbps"]
    ebs = row["ebs"]
    local = row.get("local_nvme_iops_4k") or [0, 0]
    metal = m.group(2) == "metal"
    clock = fam["clock"]
    if clock["status"] not in STATUSES or not 1 < clock["ghz"] < 5:
        raise MappingError("%s: families.%s.clock: bad status or GHz"
                           % (name, family))
    wpc, wpc_status, wpc_src = core_fields(fam["core"], doc["cores"], name)
    hw = revision_label(doc, fam["hardware"])
    enh = "ENA+EFA" if row["efa"] else "ENA"
    mapped = {
        "name": name,
        "family": family,
        "vcpus": int(row["vcpus"]),
        "memory_gib": float(row["memory_gib"]),
        "cpu_ghz": float(clock["ghz"]),
        "clock_rule": "families.%s.clock (%s)" % (family, clock["status"]),
        "clock_text": clock["source"],
        "clock_source": "%s: %s" % (clock["status"], clock["source"]),
        "clock_status": clock["status"],
        "net_baseline_gbps": float(base),
        "net_burst_gbps": float(burst) if burst is not None else 0.0,
        "ebs_baseline_mbps": float(ebs[0]),
        "ebs_max_mbps": float(ebs[1]),
        "ebs_baseline_iops": float(ebs[2]),
        "ebs_max_iops": float(ebs[3]),
        "local_read_iops": float(local[0]),
        "local_write_iops": float(local[1]),
        "generation": "metal" if metal else "nitro",
        "generation_why": "bare metal" if metal else "Nitro",
        "hypervisor": ("Nitro bare metal (no hypervisor)" if metal
                       else "Nitro"),
        "enhanced_networking": enh,
        "processor": fam["processor"],
        "processor_vendor": fam["processor_vendor"],
        "arch": fam["arch"],
        "work_per_cycle": wpc,
        "work_per_cycle_status": wpc_status,
        "work_per_cycle_source": wpc_src,
        "ena_express": "unknown",
        "efa": bool(row["efa"]),
        "usd_per_hour": monthly_price(row),
        "price_note": None,
        "credits": None,
        "launch_note": None,
    }
    if ebs[0] > ebs[1] or ebs[2] > ebs[3] or base <= 0 or (
            burst is not None and burst < base):
        raise MappingError("%s: baseline above maximum" % name)
    hyp_src = fam["hypervisor_source"]
    lines = [
        name + " (added row; data/instances.json \"rows\", family %s)"
        % family,
        "vCPU, memory, network, EFA: " + hw,
        "EBS: " + revision_label(doc, "ug-ebs") +
        (" (baseline = maximum: no '*' in the table)"
         if ebs[0] == ebs[1] else ""),
    ]
    if row.get("local_nvme_iops_4k"):
        lines.append("local NVMe 4 KiB IOPS: " + hw)
    lines += [
        "hypervisor (%s): %s%s" % (
            fam["hypervisor_status"], fam["hypervisor_why"],
            "; " + revision_label(doc, hyp_src) if hyp_src else ""),
        "processor (%s): %s" % (fam["processor_status"],
                                fam["processor_source"]),
        "clock (%s): %s" % (clock["status"], clock["source"]),
        "work per cycle: " + wpc_src,
        "ENA Express: " + doc["ena_express"],
        price_line(row, doc),
    ]
    mapped["sources"] = lines
    return mapped, None


# ---- driver ----

def map_row(row, rows):
    name = row["instance_type"]
    if not name or len(name) >= NAME_MAX:
        fail(row, "instance_type", "empty or longer than %d" % (NAME_MAX - 1))
    if not row["family"] or len(row["family"]) >= FAMILY_MAX:
        fail(row, "family", "empty or longer than %d" % (FAMILY_MAX - 1))
    if row.get("clock_ghz") is not None:
        ghz, rule = float(row["clock_ghz"]), "clock_ghz (verified)"
        clock_source = "data/instances.json profiles_2023 clock_ghz"
    else:
        text = row.get("clock_unverified_recollection") or ""
        ghz, rule = choose_clock(text)
        if ghz is None:
            fail(row, "clock_unverified_recollection",
                 "no 'N.N GHz' figure in '%s'" % text)
        clock_source = ("unverified recollection (data/instances.json "
                        "profiles_2023 clock_unverified_recollection: '%s'); "
                        "AWS product pages not retrieved" % text)
    gen, gen_why = default_generation(row)
    assert gen in GENERATIONS and len(gen) < GENERATION_MAX
    price = row["on_demand_usd_per_hour_us_east_1_linux"]
    price_note = None
    if not price:
        price, price_note = sibling_price(row, rows)
    burstable = bool(row.get("burstable"))
    credits, launch_note = (credit_fields(row) if burstable
                            else (None, None))
    ebs = ebs_fields(row)
    burst = row["network_burst_gbps"]
    m = {
        "name": name,
        "family": row["family"],
        "vcpus": int(row["vcpus"]),
        "memory_gib": float(row["memory_gib"]),
        "cpu_ghz": ghz,
        "clock_rule": rule,
        "clock_text": row.get("clock_unverified_recollection") or "",
        "clock_source": clock_source,
        "net_baseline_gbps": float(row["network_baseline_gbps"]),
        "net_burst_gbps": float(burst) if burst is not None else 0.0,
        "ebs_baseline_mbps": ebs[0],
        "ebs_max_mbps": ebs[1],
        "ebs_baseline_iops": ebs[2],
        "ebs_max_iops": ebs[3],
        "local_read_iops":
            float(row.get("instance_store_nvme_random_read_iops_4k") or 0),
        "local_write_iops":
            float(row.get("instance_store_nvme_write_iops_4k") or 0),
        "generation": gen,
        "generation_why": gen_why,
        "hypervisor": row["hypervisor"],
        "enhanced_networking": short_networking(row),
        "processor": row["processor"],
        "processor_vendor": "Intel" if "Intel" in row["processor"] else None,
        "arch": "x86_64" if "Intel" in row["processor"] else None,
        "clock_status": "V" if row.get("clock_ghz") is not None else "R",
        "efa": "EFA" in short_networking(row),
        "usd_per_hour": float(price),
        "price_note": price_note,
        "credits": credits,
        "launch_note": launch_note,
    }
    if m["vcpus"] < 1 or m["usd_per_hour"] <= 0 or not 1 < ghz < 5:
        fail(row, "values", "vcpus, price or clock out of range")
    return m


def render(mapped, input_label, digest):
    out = [
        "/*",
        " * catalog.def - GENERATED FILE, DO NOT EDIT BY HAND.",
        " *",
        " * Written by scripts/gen-catalog.py from %s" % input_label,
        " * (sha256 %s)." % digest,
        " * Edit that file and rerun the script instead; commit both.",
        " *",
        " * One INSTANCE(...) per profile, in the JSON's order: designated",
        " * initializers of struct instance_profile (models/instance.h).",
        " * models/catalog.c defines INSTANCE and includes this file into",
        " * its static table. Above each entry, where its figures come from.",
        " *",
        " * Every field's source is in the comment above its entry; status",
        " * letters (clock_status, work_per_cycle_status) as models/params.def",
        " * explains them. The 61 profiles of 2023 come first, in the JSON's",
        " * order (their clocks are unverified recollections), then the added",
        " * rows, family by family. usd_per_hour is 0 where no price source",
        " * was read: outputs print n/a.",
        " */",
        "#ifndef INSTANCE",
        "#error \"define INSTANCE(...) before including models/catalog.def\"",
        "#endif",
    ]
    for m in mapped:
        out.append("")
        out.extend(c_comment(m["sources"]))
        out.extend(entry(m))
    return "\n".join(out) + "\n"


def print_review(mapped, fp):
    fp.write("clock choices:\n")
    groups = []
    for m in mapped:
        key = (m["clock_text"], m["cpu_ghz"], m["clock_rule"])
        for g in groups:
            if g[0] == key:
                g[1].append(m["name"])
                break
        else:
            groups.append((key, [m["name"]]))
    fp.write("  %-5s  %-40s  %s\n" % ("GHz", "rule", "text  [instances]"))
    for (text, ghz, rule), names in groups:
        fams = []
        for n in names:
            f = n.split(".")[0]
            if f not in fams:
                fams.append(f)
        fp.write("  %-5s  %-40s  '%s'  [%s: %d rows]\n" % (
            "%g" % ghz, rule, text, ", ".join(fams), len(names)))
    fp.write("\ndefault generations:\n")
    seen = []
    for m in mapped:
        key = (m["generation"], m["generation_why"])
        if key not in [k for k, _ in seen]:
            seen.append((key, []))
        for k, names in seen:
            if k == key:
                names.append(m["name"])
    for (gen, why), names in seen:
        fp.write("  %-19s %s: %s\n" % (gen, why, " ".join(names)))
    notes = [(m["name"], m["launch_note"]) for m in mapped if m["launch_note"]]
    notes += [(m["name"], m["price_note"]) for m in mapped if m["price_note"]]
    if notes:
        fp.write("\nnotes:\n")
        for name, note in notes:
            fp.write("  %s: %s\n" % (name, note))


def main(argv):
    ap = argparse.ArgumentParser(
        description="Write models/catalog.def from instances.json.")
    ap.add_argument("input", nargs="?", default=DEFAULT_INPUT,
                    help="instances.json (default: %(default)s, relative "
                         "to the repository root)")
    ap.add_argument("-q", "--quiet", action="store_true",
                    help="print nothing but errors")
    ap.add_argument("-o", "--output", default=DEFAULT_OUTPUT,
                    help="output file (default: %(default)s, relative to "
                         "the repository root)")
    args = ap.parse_args(argv)

    in_path = os.path.join(REPO_ROOT, args.input)
    out_path = os.path.join(REPO_ROOT, args.output)
    try:
        with open(in_path, "rb") as f:
            raw = f.read()
        doc = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError) as e:
        sys.stderr.write("gen-catalog: error: %s: %s\n" % (in_path, e))
        return 1
    if not isinstance(doc, dict) or not doc.get("profiles_2023"):
        sys.stderr.write("gen-catalog: error: %s: expected an object with "
                         "a non-empty \"profiles_2023\" array\n" % in_path)
        return 1
    rows = doc["profiles_2023"]

    try:
        names = [r["instance_type"] for r in rows]
        dups = sorted({n for n in names if names.count(n) > 1})
        if dups:
            raise MappingError("duplicate instance names: " + ", ".join(dups))
        mapped = [map_row(r, rows) for r in rows]
        for r, m in zip(rows, mapped):
            wpc = core_fields(legacy_core(r, doc), doc["cores"],
                              r["instance_type"])
            m["work_per_cycle"], m["work_per_cycle_status"] = wpc[:2]
            m["work_per_cycle_source"] = wpc[2]
            m["ena_express"] = "unknown"
            m["ena_express_note"] = doc["ena_express"]
            m["sources"] = source_lines(r, m)
        skipped = []
        for r in doc["rows"]:
            if r["instance_type"] in names:
                raise MappingError("%s: in both rows and profiles_2023"
                                   % r["instance_type"])
            names.append(r["instance_type"])
            m, why = map_new_row(r, doc)
            if m is None:
                skipped.append((r["instance_type"], why))
            else:
                mapped.append(m)
        dups = sorted({n for n in names if names.count(n) > 1})
        if dups:
            raise MappingError("duplicate instance names: " + ", ".join(dups))
    except (MappingError, KeyError, TypeError) as e:
        sys.stderr.write("gen-catalog: error: %s: %s\n" % (in_path, e))
        return 1

    # The path as written in the output: relative to the repository root,
    # so that the file does not depend on where the checkout lives.
    label = os.path.relpath(os.path.abspath(in_path), REPO_ROOT)
    text = render(mapped, label, hashlib.sha256(raw).hexdigest())
    tmp = out_path + ".tmp"
    try:
        with open(tmp, "w", encoding="ascii", newline="\n") as f:
            f.write(text)
        os.replace(tmp, out_path)
    except OSError as e:
        sys.stderr.write("gen-catalog: error: %s: %s\n" % (out_path, e))
        return 1

    if args.quiet:
        return 0
    print_review(mapped, sys.stdout)
    if skipped:
        print("\nleft out (a field no source read gives, or a source contradicts itself):")
        for name, why in skipped:
            print("  %s: %s" % (name, why))
    print("\nwrote %s: %d profiles" % (os.path.relpath(out_path, REPO_ROOT),
                                       len(mapped)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
