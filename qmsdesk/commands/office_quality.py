"""`qmsdesk office factor-groups`: the office's grouping of contributing-factor codes for its reports."""

from __future__ import annotations

import argparse

from qmsdesk.i18n import msg


def register_factor_groups(sub, common) -> None:
    p = sub.add_parser("factor-groups", help=msg("不良事件原因因素的质控办归类（列出、设置、取消）",
                                                 "the office's grouping of contributing factors"))
    p.add_argument("--set", nargs=2, metavar=("CODE", "GROUP"), action="append", default=[],
                   help=msg("把因素编码归入某一类（可重复）", "report CODE under GROUP (repeatable)"))
    p.add_argument("--clear", metavar="CODE", action="append", default=[],
                   help=msg("取消某编码的归类（可重复）", "report CODE under its own label again (repeatable)"))
    common(p)
    p.set_defaults(handler=factor_groups_command)


def factor_groups_command(args: argparse.Namespace) -> int:
    from qmsdesk.errors import ValidationError
    from qmsdesk.office.quality import factor_groups, set_factor_group
    from qmsdesk.office.store import open_office_store
    from qmsdesk.services.factors import vocabulary

    vocab = vocabulary()
    for code, _group in args.set:
        if vocab.get(code) is None:
            raise ValidationError(msg("“{c}”不是原因因素词表中的编码。", "'{c}' is not a code of the factor vocabulary.",
                                      c=code), "code")
    store = open_office_store(getattr(args, "db", None))
    try:
        with store.session() as s:
            for code, group in args.set:
                set_factor_group(s, code, group)
            for code in args.clear:
                set_factor_group(s, code, None)
        with store.session() as s:
            groups = factor_groups(s)
    finally:
        store.close()
    for term in vocab.terms:
        group = groups.get(term.code)
        print(f"{term.code:<18} {term.category_label}  {term.label}" + (f"  → {group}" if group else ""))
    return 0
