"""月度上报 page: the last twelve months and their state; a submitted month shows as locked."""

from __future__ import annotations

from uihelpers import table_texts

from qmsdesk.periods import Period
from qmsdesk.services import submission
from qmsdesk.services.base import today
from qmsdesk.ui.pages.submission import SubmissionPage


def test_months_are_listed_newest_first_and_a_submitted_one_is_locked(qtbot, ctx):
    last_month = str(Period.of(today()).previous())
    ctx.write(submission.submit_month, last_month, area="submission")
    page = SubmissionPage(ctx)
    qtbot.addWidget(page)
    page.show()
    rows = table_texts(page)
    assert len(rows) == 12
    assert rows[0].startswith(str(Period.of(today())) + " | 未上报")
    assert rows[1].startswith(f"{last_month} | 已提交 | v1 | 是")
    assert not page.add_button.isVisible() and not page.delete_button.isVisible()
