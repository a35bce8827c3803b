"""Signs one request with botocore's SigV4Auth (AWS's own Python implementation, installed with
moto) and prints its Authorization header, for SigV4Tests to compare with tenantctl's signer.

Usage: botocore_sign.py METHOD URL BODY AMZ_DATE ACCESS_KEY SECRET_KEY REGION SERVICE [SESSION_TOKEN]
"""
import sys
from datetime import datetime, timezone
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

method, url, body, amz_date, access, secret, region, service = sys.argv[1:9]
token = sys.argv[9] if len(sys.argv) > 9 else None
request = AWSRequest(method=method, url=url, data=body.encode())
when = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
# The signing time is botocore's clock: fixed here, as AWS's examples fix it.
with mock.patch("botocore.auth.get_current_datetime", return_value=when.replace(tzinfo=None)):
    SigV4Auth(Credentials(access, secret, token), service, region).add_auth(request)
print(request.headers["Authorization"])
