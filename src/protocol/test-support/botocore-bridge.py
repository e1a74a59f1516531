# Lets the protocol tests ask real botocore how it serializes Query requests and parses Query responses.
# Reads a JSON array of requests on stdin, writes a JSON array of results on stdout.
import base64
import datetime
import json
import sys
import urllib.parse

import botocore
import botocore.awsrequest
import botocore.handlers
import botocore.model
import botocore.parsers
import botocore.serialize
import botocore.session
import botocore.validate

session = botocore.session.get_session()


def operation(req):
    if 'model' in req:
        # A model written by the test, for wire features IAM and STS do not use (flattened lists, maps).
        return botocore.model.ServiceModel(req['model'], service_name=req['service']).operation_model(req['operation'])
    return session.get_service_model(req['service']).operation_model(req['operation'])


def serialize(req):
    model = operation(req)
    report = botocore.validate.ParamValidator().validate(req['params'], model.input_shape)
    if report.has_errors():
        raise ValueError(report.generate_report())
    request = botocore.serialize.create_serializer('query').serialize_to_request(req['params'], model)
    botocore.awsrequest.prepare_request_dict(request, endpoint_url='https://example.com')
    prepared = botocore.awsrequest.create_request_object(request).prepare()
    body = prepared.body
    if isinstance(body, bytes):
        body = body.decode('utf-8')
    return {'method': prepared.method, 'contentType': prepared.headers.get('Content-Type'), 'body': body}


def parse(req):
    model = operation(req)
    parser = botocore.parsers.create_parser('query')
    response = {'body': req['body'].encode('utf-8'), 'headers': {}, 'status_code': req.get('status', 200)}
    parsed = parser.parse(response, model.output_shape)
    if req['service'] == 'iam' and response['status_code'] < 300:
        botocore.handlers.json_decode_policies(parsed, model)
    # botocore adds the HTTP status and headers it was handed; only the RequestId comes from our XML.
    for added in ('HTTPHeaders', 'HTTPStatusCode'):
        parsed.get('ResponseMetadata', {}).pop(added, None)
    return parsed


clients = {}


def exception_name(req):
    # The class botocore raises for an error code: the modelled exception, or the generic ClientError.
    service = req['service']
    if service not in clients:
        clients[service] = session.create_client(
            service, region_name='us-east-1', aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret'
        )
    return clients[service].exceptions.from_code(req['code']).__name__


def quote(req):
    # How IAM's own percent-encoding of policy documents is expected to look (§8.4): RFC 3986, nothing safe.
    return urllib.parse.quote(req['text'], safe='')


def plain(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    if isinstance(value, bytes):
        return base64.b64encode(value).decode('ascii')
    raise TypeError(type(value).__name__)


HANDLERS = {'serialize': serialize, 'parse': parse, 'exceptionName': exception_name, 'quote': quote}

results = []
for req in json.load(sys.stdin):
    try:
        results.append({'ok': True, 'value': HANDLERS[req['kind']](req)})
    except Exception as error:  # reported to the test, which fails with the message
        results.append({'ok': False, 'error': f'{type(error).__name__}: {error}'})
json.dump({'botocore': botocore.__version__, 'results': results}, sys.stdout, default=plain)
