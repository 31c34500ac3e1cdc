"""server/services/jobs.py: claims, leases, the per-user limit, and items that land once."""
from __future__ import annotations

from datetime import timedelta

from server.models import Job, utcnow
from server.services import jobs


def test_a_job_is_claimed_once_until_its_lease_expires(session, alice):
    job = jobs.create_job(session, alice.user.id, "fetch", {"page_id": 1})
    session.commit()
    assert jobs.claim(session, job.id, 60, worker="a") is not None
    assert jobs.claim(session, job.id, 60, worker="b") is None  # delivered twice: runs once
    later = utcnow() + timedelta(seconds=61)
    taken = jobs.claim(session, job.id, 60, worker="b", now=later)  # worker a died
    assert taken is not None and taken.attempts == 2 and taken.worker == "b"
    jobs.finish(session, taken, {"ok": 1})
    assert jobs.claim(session, job.id, 60, now=later + timedelta(hours=1)) is None


def test_at_most_n_fetches_of_one_user_run_at_once(session, alice, bob):
    mine = [jobs.create_job(session, alice.user.id, "fetch").id for _ in range(4)]
    theirs = jobs.create_job(session, bob.user.id, "fetch").id
    session.commit()
    limit = (("fetch",), 3)
    assert [jobs.claim(session, i, 60, running_limit=limit) is not None for i in mine] == [True, True, True, False]
    assert jobs.claim(session, theirs, 60, running_limit=limit) is not None
    jobs.finish(session, session.get(Job, mine[0]), {})
    assert jobs.claim(session, mine[3], 60, running_limit=limit) is not None


def test_a_chunked_job_gathers_its_childrens_progress_and_results(session, alice):
    parent = jobs.create_chunked(session, alice.user.id, "import", "import_items", list(range(60)),
                                 result={"format": "pocket", "skipped": ["a"]}, chunk=25)
    session.commit()
    children = session.query(Job).filter(Job.parent_id == parent.id).order_by(Job.id).all()
    assert [c.total for c in children] == [25, 25, 10]
    assert jobs.takeable_children(session, parent.id) == [c.id for c in children]
    for n, child in enumerate(children):
        claimed = jobs.claim(session, child.id, 60)
        assert claimed is not None
        claimed.done = 5
        session.commit()
        assert jobs.get_job(session, alice.user, parent.id).done == 5 * (n + 1) + 20 * n
        jobs.finish(session, claimed, {"pages_created": claimed.total, "skipped": [f"s{n}"]})
    done = jobs.get_job(session, alice.user, parent.id)
    assert done.state == "done" and done.done == 60
    assert jobs.result(done) == {"format": "pocket", "skipped": ["a", "s0", "s1", "s2"], "pages_created": 60}


def test_an_empty_bulk_job_is_done_at_once(session, alice):
    parent = jobs.create_chunked(session, alice.user.id, "fetch_links", "fetch_links_items", [])
    assert parent.state == "done"


def test_new_jobs_are_dispatched_only_when_committed(session, alice):
    jobs.create_job(session, alice.user.id, "fetch")
    assert session.info[jobs.DISPATCH_KEY]
    session.rollback()
    assert jobs.DISPATCH_KEY not in session.info


def test_expired_and_lost_jobs_are_found_again(session, alice):
    running = jobs.create_job(session, alice.user.id, "fetch")
    queued = jobs.create_job(session, alice.user.id, "fetch")
    session.commit()
    jobs.claim(session, running.id, 1)
    assert jobs.expired_jobs(session, now=utcnow() + timedelta(seconds=2)) == [running.id]
    assert jobs.queued_jobs(session) == [queued.id]
