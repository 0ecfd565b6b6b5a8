#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Every reST file given parses without a warning: a malformed table or a
# broken section renders as garbage or vanishes, and nothing else reads
# the pages that Sphinx would. Sphinx's own roles and directives (:doc:,
# :ref:, toctree) are accepted as they are; everything else is docutils.
#
#   check-rst.py FILE.rst...
#
# Prints each problem and exits 1 if there was any.
import sys

import docutils.core
from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles


def sphinx_role(name, rawtext, text, lineno, inliner, options=None,
                content=None):
    return [nodes.literal(rawtext, text)], []


class SphinxDirective(Directive):
    has_content = True
    optional_arguments = 1
    option_spec = {"maxdepth": directives.unchanged,
                   "caption": directives.unchanged}

    def run(self):
        return []


for role in ("doc", "ref"):
    roles.register_local_role(role, sphinx_role)
directives.register_directive("toctree", SphinxDirective)

bad = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        docutils.core.publish_doctree(
            text, source_path=path,
            settings_overrides={"report_level": 2, "halt_level": 2,
                                "warning_stream": sys.stderr})
    except docutils.utils.SystemMessage as e:
        print(e)
        bad += 1
print("check-rst: %d files, %d with problems" % (len(sys.argv) - 1, bad))
sys.exit(1 if bad else 0)
