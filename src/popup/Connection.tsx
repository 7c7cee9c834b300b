import { HTTP_VERSION_NAMES } from '../core/http-version';
import { msg, renderMessage, type Translate } from '../core/message';
import type { ConnectionView } from '../core/report';
import {
  errorClassMessage,
  hstsMessages,
  ipMessages,
  portMessages,
  schemeMessage,
  unseenMessage,
} from '../core/report-words';
import { Clamp } from '../ui/Clamp';
import { Fact } from '../ui/Fact';
import { Notes } from './Notes';

// How this page was reached: one labelled fact per line, as the report states it. The redirect
// chain that led here has a section of its own (RedirectChain.tsx).

interface Props {
  c: ConnectionView;
  t: Translate;
}

function Host({ c, t }: Props) {
  return (
    <>
      <Clamp text={c.hostUnicode} class="value" />
      {c.host !== c.hostUnicode && (
        <span class="aside">
          {renderMessage(msg('label_punycode'), t)} <Clamp text={c.host} />
        </span>
      )}
    </>
  );
}

function ServerIp({ c, t }: Props) {
  if (c.ip === undefined) return <span class="missing">{renderMessage(unseenMessage(c), t)}</span>;
  return (
    <>
      <Clamp text={c.ip} class="value" /> <Notes items={ipMessages(c)} t={t} />
    </>
  );
}

function ConnectionError({ c, t }: Props) {
  const meaning = errorClassMessage(c);
  return (
    <>
      {meaning && <span class="error-meaning">{renderMessage(meaning, t)}</span>}
      <Clamp text={c.error ?? ''} class="value" />
    </>
  );
}

export function Connection({ c, t }: Props) {
  return (
    <dl class="facts" data-section="connection">
      <Fact label={t('label_address')} field="address">
        <Clamp text={c.url} class="value" />
      </Fact>
      <Fact label={t('label_origin')} field="origin">
        <Clamp text={c.origin} class="value" />
      </Fact>
      <Fact label={t('label_scheme')} field="scheme">
        <span class="value">{c.scheme}</span> <Notes items={[schemeMessage(c)]} t={t} />
      </Fact>
      <Fact label={t('label_host')} field="host">
        <Host c={c} t={t} />
      </Fact>
      <Fact label={t('label_port')} field="port">
        <span class="value">{c.port}</span> <Notes items={portMessages(c)} t={t} />
      </Fact>
      <Fact label={t('label_server_ip')} field="ip">
        <ServerIp c={c} t={t} />
      </Fact>
      {c.httpVersion !== undefined && (
        <Fact label={t('label_http_version')} field="http-version" state={c.httpVersion}>
          <span class="value">{HTTP_VERSION_NAMES[c.httpVersion]}</span>
        </Fact>
      )}
      <Fact label={t('label_http_status')} field="status">
        {c.statusCode !== undefined ? (
          <span class="value">{c.statusCode}</span>
        ) : (
          <span class="missing">{renderMessage(unseenMessage(c), t)}</span>
        )}
      </Fact>
      <Fact label={t('label_hsts')} field="hsts" state={c.hsts.state}>
        <Notes items={hstsMessages(c.hsts)} t={t} />
      </Fact>
      {c.error !== undefined && (
        <Fact label={t('label_error')} field="error">
          <ConnectionError c={c} t={t} />
        </Fact>
      )}
    </dl>
  );
}
