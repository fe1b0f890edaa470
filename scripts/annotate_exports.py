#!/usr/bin/env python3
"""Adds CRV_IO_EXPORT (crv/export.hpp) to the public API of include/crv/**.hpp, idempotently.

Usage: scripts/annotate_exports.py include   (then review `git diff include`)

Annotated: every namespace-scope function declaration that is not inline or a template
(explicit specialisations `template <>` are), and every namespace-scope class or struct
that needs it: a base class or virtual members (typeinfo, vtable), or a member function
declared in the class and defined in src/. Plain aggregates and extern "C" blocks are left
alone. Relies on the headers' layout: no indentation inside namespaces, so namespace scope
is column 0. A shared build (CRV_IO_SHARED=ON) exports exactly what this marks.
"""
import re, sys, pathlib
SKIP = ("//", "#", "}", "namespace", "using", "inline", "template", "constexpr", "static",
        "enum", "typedef", "extern", "friend", "class", "struct", "CRV_IO_EXPORT", "{", ")")
changed = []

def needs_export(lines, i):
    """A class needs exporting when it has a base or virtual members (vtable, typeinfo) or a
    member function declared and not defined in the class (defined in src/)."""
    if re.match(r"^(class|struct) \w+( final)? :", lines[i]) or lines[i].rstrip().endswith(":"):
        return True
    depth = 0
    for line in lines[i:]:
        depth += line.count("{") - line.count("}")
        s = line.split("//")[0].strip()
        if "virtual" in s:
            return True
        if (s.endswith(";") and ")" in s and "{" not in s and "= default" not in s
                and "= delete" not in s and not s.startswith(("//", "using", "friend class"))
                and not s.startswith("return")):
            return True
        if depth <= 0 and line.startswith("}"):
            return False
    return False

for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.hpp")):
    lines = path.read_text().split("\n")
    out, in_c, n = [], False, 0
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else ""
        if line.startswith('extern "C" {'):
            in_c = True
        elif in_c and line.startswith("}  // extern"):
            in_c = False
        elif not in_c and line and not line[0].isspace():
            m = re.match(r"^(class|struct) (?!CRV_IO_EXPORT)(\w+)([^;]*)\{", line)
            if m:
                if needs_export(lines, i):
                    line = f"{m.group(1)} CRV_IO_EXPORT {line[len(m.group(1)) + 1:]}"
                    n += 1
            elif (not line.startswith(SKIP) and "(" in line and "CRV_IO_EXPORT" not in line
                  and (not prev.startswith("template") or prev.strip() == "template <>")):
                # a declaration: no body on this line, and the name before '(' is not qualified
                head = line.split("(")[0]
                name = re.sub(r"<.*>", "", head.split()[-1])
                body = line.split("//")[0].replace("= {}", "").replace("{}", "")
                if "{" not in body and "::" not in name and "=" not in head:
                    if line.startswith("[["):
                        k = line.index("]]") + 3
                        line = line[:k] + "CRV_IO_EXPORT " + line[k:]
                    else:
                        line = "CRV_IO_EXPORT " + line
                    n += 1
        out.append(line)
    if n and not any(l in ('#include "crv/export.hpp"', "#include <crv/export.hpp>") for l in out):
        idx = next((j for j, l in enumerate(out) if re.match(r'#include ["<]crv/', l)), None)
        if idx is not None:
            style = out[idx][9]
            out.insert(idx, '#include "crv/export.hpp"' if style == '"' else "#include <crv/export.hpp>")
        else:
            last = max(j for j, l in enumerate(out) if l.startswith("#include") or l.startswith("#pragma once"))
            out[last + 1:last + 1] = ["", '#include "crv/export.hpp"']
    if n:
        path.write_text("\n".join(out))
        changed.append((str(path), n))
for p, n in changed:
    print(n, p)
