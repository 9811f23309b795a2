"""`qmsdesk staff …` and `qmsdesk group …`: the staff list and the quality group's members, from a sheet."""

from __future__ import annotations

import argparse

from qmsdesk.i18n import msg


def register(subparsers) -> None:
    _sheet_commands(subparsers, "staff", msg("人员名单：导入模板、从 Excel 导入", "the staff list: template, import"),
                    msg("人员名单", "staff list"), cmd_staff_template, cmd_staff_import)
    _sheet_commands(subparsers, "group", msg("质控小组成员：导入模板、从 Excel 导入", "quality group members: template, import"),
                    msg("小组成员", "group members"), cmd_group_template, cmd_group_import)


def _sheet_commands(subparsers, name: str, help_text: str, what: str, template, do_import) -> None:
    """`qmsdesk NAME template --out FILE` and `qmsdesk NAME import FILE [--dry-run] [--match ROW=工号]`."""
    from qmsdesk.cli import add_db_option
    from qmsdesk.commands.importing import add_import_options

    parser = subparsers.add_parser(name, help=help_text)
    add_db_option(parser)
    sub = parser.add_subparsers(dest=f"{name}_command", metavar=msg("操作", "ACTION"), required=True)
    p = sub.add_parser("template", help=msg("生成{w}导入模板（.xlsx）", "write the {w} import template (.xlsx)", w=what))
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=template)
    p = sub.add_parser("import", help=msg("从 .xlsx 或 .csv 导入{w}（全部通过才写入）",
                                          "import the {w} from .xlsx/.csv (all or nothing)", w=what))
    add_import_options(p)
    add_db_option(p)
    p.set_defaults(handler=do_import)


def _written(path) -> int:
    print(msg("已生成导入模板：{p}", "Template written: {p}", p=path))
    return 0


def cmd_staff_template(args: argparse.Namespace) -> int:
    from qmsdesk.services.staff_import import write_staff_template

    return _written(write_staff_template(args.out))


def cmd_group_template(args: argparse.Namespace) -> int:
    from qmsdesk.services.group_import import write_group_template

    return _written(write_group_template(args.out))


def cmd_staff_import(args: argparse.Namespace) -> int:
    from qmsdesk.services.staff_import import import_staff, preview_staff_import

    return _import(args, preview_staff_import, import_staff)


def cmd_group_import(args: argparse.Namespace) -> int:
    from qmsdesk.services.group_import import import_group, preview_group_import

    return _import(args, preview_group_import, import_group)


def _import(args: argparse.Namespace, preview, apply) -> int:
    from qmsdesk.cli import open_db
    from qmsdesk.commands.importing import run_import

    db = open_db(args)
    try:
        with db.session() as s:
            return run_import(args, lambda answers: preview(s, args.file, answers),
                              lambda answers: apply(s, args.file, answers))
    finally:
        db.close()
