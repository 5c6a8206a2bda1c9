#!/usr/bin/env python3
"""Assemble the Chinese locale files of the Camunda webapps for ZQT (政企通).

Writes src/main/resources/META-INF/resources/webjars/camunda/app/<app>/locales/zh.json for tasklist, cockpit,
admin and welcome from:
  - src/main/i18n/parts/<app>.zh.json or <app>-1.zh.json, <app>-2.zh.json, ... : flat maps label key -> Chinese
    text (the translated parts; several parts of one app are merged);
  - src/main/i18n/parts/common.zh.json : labels that must read the same in every app (app names, the 政企通
    greeting, the search match-type phrase); applied last, to the apps whose en.json has the key;
  - src/main/i18n/parts/dateLocales.zh.json : the moment.js locale for simplified Chinese (all apps but welcome,
    whose en.json has no dateLocales);
  - the English locales/en.json of the same app inside the Camunda webjar (camunda-webapp-webjar-<version>.jar in
    the local Maven repository), which fixes the key set and the key order.

Usage (from the project root, Python 3 standard library only; re-runnable, output is deterministic):
    python3 src/main/i18n/assemble.py                        # assemble every app whose parts are complete
    python3 src/main/i18n/assemble.py --from /work/i18n/out  # first copy new/changed parts from that folder
    python3 src/main/i18n/assemble.py cockpit admin          # only these apps
Options: --webjar PATH (the webjar jar or an unpacked folder holding META-INF/resources/webjars/camunda/app),
         --version 7.24.0 (used to find the jar in ~/.m2 when --webjar is not given).

Every part is checked before anything is written: no key outside en.json, every {{ placeholder }} and HTML tag of
the English text kept, no empty text where the English is more than a plural "s". An app with a missing key is reported and
skipped (its zh.json is not written), because Camunda shows raw keys for missing labels. Exit code 1 if any app
was skipped or failed.
"""
import argparse
import glob
import json
import os
import re
import shutil
import sys
import zipfile
from collections import OrderedDict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PARTS = os.path.join(ROOT, 'src', 'main', 'i18n', 'parts')
OUT = os.path.join(ROOT, 'src', 'main', 'resources', 'META-INF', 'resources', 'webjars', 'camunda', 'app')
APPS = ['tasklist', 'cockpit', 'admin', 'welcome']
EN_PATH = 'META-INF/resources/webjars/camunda/app/{app}/locales/en.json'

PLACEHOLDER = re.compile(r'\{\{.*?\}\}', re.S)
# real HTML elements only: '<null>', '<undefined>', '<version>' are shown as text and may be translated
TAG = re.compile(r'</?(?:a|b|i|u|p|br|hr|em|strong|code|pre|span|div|small|ul|ol|li|table|tr|td|th|h[1-6])\b[^<>]*>',
                 re.I)


def read_json(path):
    with open(path, encoding='utf-8-sig') as f:
        return json.load(f, object_pairs_hook=OrderedDict)


class Webjar:
    def __init__(self, location):
        self.location = location
        self.zip = zipfile.ZipFile(location) if os.path.isfile(location) else None

    def english(self, app):
        name = EN_PATH.format(app=app)
        if self.zip:
            text = self.zip.read(name).decode('utf-8-sig')
        else:
            with open(os.path.join(self.location, name), encoding='utf-8-sig') as f:
                text = f.read()
        return json.loads(text, object_pairs_hook=OrderedDict)


def find_webjar(args):
    if args.webjar:
        return args.webjar
    m2 = os.path.join(os.path.expanduser('~'), '.m2', 'repository', 'org', 'camunda', 'bpm', 'webapp',
                      'camunda-webapp-webjar', args.version, 'camunda-webapp-webjar-%s.jar' % args.version)
    if not os.path.isfile(m2):
        sys.exit('webjar not found at %s; run the Maven build once or pass --webjar' % m2)
    return m2


def part_files(app):
    single = os.path.join(PARTS, '%s.zh.json' % app)
    numbered = sorted(glob.glob(os.path.join(PARTS, '%s-[0-9]*.zh.json' % app)),
                      key=lambda p: int(re.search(r'-(\d+)\.zh\.json$', p).group(1)))
    return ([single] if os.path.isfile(single) else []) + numbered


def copy_parts(source):
    for path in sorted(glob.glob(os.path.join(source, '*.zh.json'))):
        name = os.path.basename(path)
        if not re.match(r'^(%s)(-\d+)?\.zh\.json$' % '|'.join(APPS), name):
            continue
        read_json(path)  # refuse broken JSON early
        target = os.path.join(PARTS, name)
        if not os.path.isfile(target) or open(target, 'rb').read() != open(path, 'rb').read():
            shutil.copyfile(path, target)
            print('copied %s' % name)


def problems_of(key, english, chinese):
    found = []
    if not isinstance(chinese, str):
        return ['%s: not a string' % key]
    if english.strip() not in ('', 's') and not chinese.strip():
        found.append('%s: empty' % key)
    for placeholder in PLACEHOLDER.findall(english):
        if english.count(placeholder) > chinese.count(placeholder):
            found.append('%s: lost placeholder %s' % (key, placeholder))
    for tag in set(TAG.findall(english)):
        if english.count(tag) > chinese.count(tag):
            found.append('%s: lost tag %s' % (key, tag))
    return found


def assemble(app, webjar, date_locales, common):
    english = webjar.english(app)
    labels_en = english['labels']
    files = part_files(app)
    if not files:
        print('%s: SKIPPED, no parts in %s' % (app, PARTS))
        return False
    labels_zh = {}
    for path in files:
        labels_zh.update(read_json(path))
    labels_zh.update((key, text) for key, text in common.items() if key in labels_en)
    problems = ['%s: not in en.json' % key for key in labels_zh if key not in labels_en]
    missing = [key for key in labels_en if key not in labels_zh]
    if missing:
        problems.append('%d keys missing, e.g. %s' % (len(missing), ', '.join(missing[:5])))
    for key, text in labels_en.items():
        if key in labels_zh:
            problems.extend(problems_of(key, text, labels_zh[key]))
    if problems:
        print('%s: SKIPPED, %d problems:\n  %s' % (app, len(problems), '\n  '.join(problems[:40])))
        return False
    result = OrderedDict()
    if 'dateLocales' in english:
        result['dateLocales'] = date_locales
    result['labels'] = OrderedDict((key, labels_zh[key]) for key in labels_en)
    target = os.path.join(OUT, app, 'locales', 'zh.json')
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, 'w', encoding='utf-8', newline='\n') as f:
        json.dump(result, f, ensure_ascii=False, indent=2)
        f.write('\n')
    print('%s: wrote %s (%d labels from %s)' % (app, os.path.relpath(target, ROOT), len(labels_en),
                                                  ', '.join(os.path.basename(p) for p in files)))
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('apps', nargs='*', help='apps to assemble (default: all of %s)' % ', '.join(APPS))
    parser.add_argument('--from', dest='source', help='folder with translated parts to copy in first')
    parser.add_argument('--webjar')
    parser.add_argument('--version', default='7.24.0')
    args = parser.parse_args()
    unknown = [app for app in args.apps if app not in APPS]
    if unknown:
        parser.error('unknown app(s): %s' % ', '.join(unknown))
    if args.source:
        copy_parts(args.source)
    webjar = Webjar(find_webjar(args))
    date_locales = read_json(os.path.join(PARTS, 'dateLocales.zh.json'))
    common = read_json(os.path.join(PARTS, 'common.zh.json'))
    results = [assemble(app, webjar, date_locales, common) for app in (args.apps or APPS)]
    sys.exit(0 if all(results) else 1)


if __name__ == '__main__':
    main()
