"""Drives gitlab-sim with the official GitLab client for Python, python-gitlab (PyPI, pinned in
the Makefile). python-gitlab builds every URL and reads every answer itself (objects, pagination
through the Link and X-* headers, errors by status), so any shape it cannot read fails here.

usage: python_gitlab_check.py BASE_URL TOKEN OTHER_TOKEN SCENARIO   (statuses, notes, errors)
"""
import sys

import gitlab

base, token, other_token, scenario = sys.argv[1:5]
SHA = "1602d04e73db5c1f0e2f2c3a4b5c6d7e8f901234"


def check(condition, message):
    if not condition:
        print("FAILED: " + message)
        sys.exit(1)


def client(secret=token):
    gl = gitlab.Gitlab(base, private_token=secret, retry_transient_errors=True)
    return gl


def statuses():
    gl = client()
    gl.auth()
    check(gl.user.username == "tenantctl-bot", "GET /user: %r" % gl.user.username)
    project = gl.projects.get(42)
    check(project.path_with_namespace == "platform/tenants", "project: %r" % project.path_with_namespace)
    by_path = gl.projects.get("platform/tenants")
    check(by_path.id == 42, "project by path: %r" % by_path.id)
    commit = project.commits.get(SHA, lazy=True)
    name = "tenantctl/acme/production"
    status = commit.statuses.create({"state": "pending", "name": name, "ref": "main",
                                     "target_url": "https://ci.example/jobs/1", "description": "planning"})
    check(status.status == "pending" and status.name == name, "created: %r" % status.attributes)
    check(status.author["username"] == "tenantctl-bot", "author: %r" % status.author)
    running = commit.statuses.create({"state": "running", "name": name, "ref": "main"})
    check(running.id == status.id and running.started_at, "running: %r" % running.attributes)
    try:
        commit.statuses.create({"state": "running", "name": name, "ref": "main"})
        check(False, "the same state twice was accepted")
    except gitlab.exceptions.GitlabCreateError as error:
        check(error.response_code == 400 and "Cannot transition status" in str(error.error_message), "same state: %r" % error)
    done = commit.statuses.create({"state": "success", "name": name, "ref": "main"})
    check(done.finished_at, "success has finished_at: %r" % done.attributes)
    commit.statuses.create({"state": "failed", "name": "tenantctl/acme/staging"})
    listed = commit.statuses.list(get_all=True, all=True)
    check(sorted(s.name for s in listed) == ["tenantctl/acme/production", "tenantctl/acme/staging"], "list: %r" % [s.name for s in listed])
    one = commit.statuses.list(get_all=True, name="tenantctl/acme/staging")
    check([s.status for s in one] == ["failed"], "filtered: %r" % [s.status for s in one])


def notes():
    gl = client()
    mr = gl.projects.get(42, lazy=True).mergerequests.get(1)
    check(mr.iid == 1 and mr.state == "opened", "merge request: %r" % mr.attributes)
    note = mr.notes.create({"body": "<!-- tenantctl:plan project=42 environment=production -->\nplan one"})
    check(note.body.endswith("plan one") and note.noteable_type == "MergeRequest", "created: %r" % note.attributes)
    note.body = "<!-- tenantctl:plan project=42 environment=production -->\nplan two"
    note.save()
    again = mr.notes.get(note.id)
    check(again.body.endswith("plan two"), "updated: %r" % again.body)
    for index in range(130):
        mr.notes.create({"body": "comment %d" % index})
    everything = mr.notes.list(get_all=True, per_page=100, sort="asc", order_by="created_at")
    check(len(everything) == 131, "all pages: %d" % len(everything))
    check(everything[0].id == note.id, "oldest first: %r" % everything[0].id)
    newest = mr.notes.list(get_all=False, per_page=20)
    check(len(newest) == 20 and newest[0].body == "comment 129", "default sort is newest first: %r" % newest[0].body)
    pages = mr.notes.list(iterator=True, per_page=50)
    check(pages.total == 131 and pages.total_pages == 3 and pages.per_page == 50, "X-Total: %r %r" % (pages.total, pages.total_pages))
    check(len(list(pages)) == 131, "iterator over the Link header")
    alice = client(other_token).projects.get(42, lazy=True).mergerequests.get(1, lazy=True)
    theirs = alice.notes.get(note.id)
    theirs.body = "taken over"
    try:
        theirs.save()
        check(False, "another user updated the note")
    except gitlab.exceptions.GitlabUpdateError as error:
        check(error.response_code == 403, "403: %r" % error)


def errors():
    try:
        client("glpat-wrong").projects.get(42)
        check(False, "a wrong token was accepted")
    except gitlab.exceptions.GitlabAuthenticationError as error:
        check(error.response_code == 401 and "401 Unauthorized" in str(error.error_message), "401: %r" % error)
    try:
        client().projects.get("nobody/nothing")
        check(False, "an unknown project was found")
    except gitlab.exceptions.GitlabGetError as error:
        check(error.response_code == 404 and "404 Project Not Found" in str(error.error_message), "404: %r" % error)
    try:
        client().projects.get(42, lazy=True).mergerequests.get(99)
        check(False, "an unknown merge request was found")
    except gitlab.exceptions.GitlabGetError as error:
        check(error.response_code == 404, "404 MR: %r" % error)
    try:
        client().projects.get(42, lazy=True).commits.get(SHA, lazy=True).statuses.create({"state": "done"})
        check(False, "an unknown state was accepted")
    except gitlab.exceptions.GitlabCreateError as error:
        check(error.response_code == 400, "400: %r" % error)


{"statuses": statuses, "notes": notes, "errors": errors}[scenario]()
print("ok: " + scenario)
