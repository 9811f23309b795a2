"""What the import commands share: the --dry-run/--match options and printing a preview.

The real import runs the dry run first and stops there when something is wrong or must be asked, so the
user always sees the whole picture (every problem by row and column, every question with its answers).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg

if TYPE_CHECKING:  # the options are added for every command line; the ORM is imported only to import
    from qmsdesk.services.import_preview import Answers, ImportPreview


def add_import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=msg(".xlsx 或 .csv 文件", "an .xlsx or .csv file"))
    parser.add_argument("--dry-run", action="store_true",
                        help=msg("只检查并显示将新增、更新、未变的数量，不写入", "check and show what would change; write nothing"))
    parser.add_argument("--match", action="append", default=[], metavar="ROW=工号",
                        help=msg("回答“是哪一位”：第 ROW 行是工号为…的人员（new 表示新增一人），可重复",
                                 "answer 'which person': row ROW is the person with this employee number (new: add "
                                 "a new person); repeatable"))


def parse_answers(values: list[str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    for item in (part for value in values for part in value.split(",") if part.strip()):
        row, sep, answer = item.partition("=")
        if not sep or not row.strip().isdigit() or not answer.strip():
            raise ValidationError(msg("--match 应写成 行号=工号，例如 --match 5=1023 或 --match 5=new，收到“{x}”。",
                                      "--match takes ROW=EMPLOYEE_NO, e.g. --match 5=1023 or --match 5=new; got '{x}'.",
                                      x=item), "match")
        answers[row.strip()] = answer.strip()
    return answers


def run_import(args: argparse.Namespace, preview: Callable[[Answers], ImportPreview],
               apply: Callable[[Answers], ImportPreview]) -> int:
    """Print the dry run; unless it is only a dry run and all is well, apply it. 2 when refused."""
    answers = parse_answers(args.match)
    result = preview(answers)
    if not result.ready:
        print_preview(result, file=sys.stderr)
        print(msg("没有写入任何数据。", "Nothing was written."), file=sys.stderr)
        return 2
    if args.dry_run:
        print_preview(result)
        return 0
    print_preview(apply(answers))
    return 0


def _place(preview: ImportPreview) -> str:
    where = msg("表头在第 {r} 行", "header on row {r}", r=preview.header_row)
    if preview.sheet_name:
        where = msg("工作表“{s}”，", "sheet '{s}', ", s=preview.sheet_name) + where
    if preview.ignored_columns:
        where += msg("；未使用的列：{c}", "; columns not used: {c}", c="、".join(preview.ignored_columns))
    return where


def print_preview(preview: ImportPreview, file=None) -> None:
    from qmsdesk.services.import_preview import ADD, UPDATE

    out = file or sys.stdout
    if preview.header_row:  # 0: the file itself could not be used, and its problems say why
        print(msg("（{p}）", "({p})", p=_place(preview)), file=out)
        print(preview.summary(), file=out)
    names = {ADD: msg("新增", "new"), UPDATE: msg("更新", "update")}
    for row in preview.rows:
        if row.action not in names:
            continue
        line = msg("  {a}  第 {r} 行  {s}", "  {a}  row {r}  {s}", a=names[row.action], r=row.row, s=row.subject)
        if row.changes:
            line += msg("：", ": ") + msg("；", "; ").join(
                f"{c.column} {c.old or msg('（空）', '(blank)')} → {c.new or msg('（空）', '(blank)')}" for c in row.changes)
        print(line, file=out)
    if preview.questions:
        print(msg("需要确认是哪一位（用 --match 回答后再导入）：", "Choose the person meant (answer with --match, then import):"),
              file=out)
        for question in preview.questions:
            print(f"  {question.prompt}", file=out)
            for choice in question.choices:
                print(f"      --match {question.row}={choice.value:<10} {choice.label}", file=out)
    if preview.problems:
        print(msg("问题（改正后再导入；有任何问题都不会写入）：", "Problems (fix them and import again; nothing is written "
                  "while any remain):"), file=out)
        for problem in preview.problems:
            print(f"  - {problem.message}", file=out)
