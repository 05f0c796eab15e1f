# Charge an invoice on a Counter terminal from Python 3 (standard library only) and wait for Zoho's word.
#   COUNTER_API_KEY=ck_... python3 charge.py INV-9 123450 "Counter A"
import json, os, sys, urllib.error, urllib.request, uuid

url = os.environ.get("COUNTER_API_URL", "http://127.0.0.1:47100")
key = os.environ["COUNTER_API_KEY"]
reference, amount_minor, counter = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def call(path, body=None, idempotency_key=None):
    headers = {"Authorization": f"Bearer {key}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
        headers["Idempotency-Key"] = idempotency_key
    request = urllib.request.Request(url + path, data=None if body is None else json.dumps(body).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            return json.load(response)
    except urllib.error.HTTPError as refused:
        sys.exit(f"Refused: {json.load(refused)['error']['message']}")

# Keep this key with the invoice: sending the same request again with it never charges twice.
charge = call("/v1/charges", {"reference": reference, "amountMinor": amount_minor, "currency": "INR", "counter": counter, "method": "card"}, f"py-{uuid.uuid4()}")
while charge["pending"]:
    charge = call(f"/v1/charges/{charge['id']}?wait=30")
print(charge["reference"], charge["state"])
sys.exit(0 if charge["state"] == "succeeded" else 1 if charge["state"] in ("failed", "rejected") else 2)
