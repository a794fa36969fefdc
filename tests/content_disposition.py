"""Reading a download's `Content-Disposition` back as a client would (RFC 6266, RFC 5987)."""

from email.message import Message
from email.utils import collapse_rfc2231_value

import httpx

SAFE_FALLBACK = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")


def download_name(response: httpx.Response) -> str:
    """The file name the answer gives its download, after checking that the header is
    visible ASCII only, an attachment, and its plain `filename` a safe fallback."""
    raw = dict(response.headers.raw)[b"content-disposition"]
    assert all(0x20 <= byte < 0x7F for byte in raw), raw
    message = Message()
    message["Content-Disposition"] = raw.decode("ascii")
    assert message.get_content_disposition() == "attachment"
    params = message.get_params(header="content-disposition")
    assert params is not None
    plain = [value for name, value in params if name == "filename" and isinstance(value, str)]
    encoded = [value for name, value in params if name == "filename" and isinstance(value, tuple)]
    assert len(plain) == 1 and set(plain[0]) <= SAFE_FALLBACK, raw
    assert len(encoded) == 1 and encoded[0][0] == "UTF-8", raw
    return collapse_rfc2231_value(encoded[0])
