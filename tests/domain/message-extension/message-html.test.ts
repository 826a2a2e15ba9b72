// A Teams message body (HTML) as the text a person read.
import { describe, expect, it } from 'vitest';
import { messageText } from '../../../bot/src/domain/text/message-html';

describe('messageText', () => {
  it('drops tags, keeps paragraphs and line breaks', () => {
    expect(messageText('<p>VPN: poor audio in <b>Building 6</b>,</p><p>PSR 4.1%<br>since Monday</p>')).toBe('VPN: poor audio in Building 6,\nPSR 4.1%\nsince Monday');
  });

  it('decodes entities once, so markup typed by a person stays text', () => {
    expect(messageText('<div>a &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &quot;q&quot; &#39;s&#39; &#x1F525;&nbsp;x</div>')).toBe('a <script>alert(1)</script> &amp; "q" \'s\' 🔥 x');
  });

  it('reads mentions as their names and lists as lines', () => {
    expect(messageText('<p><at id="0">Network Ops</at> please look</p><ul><li>one</li><li>two</li></ul>')).toBe('Network Ops please look\n- one\n- two');
  });

  it('drops script and style bodies', () => {
    expect(messageText('<style>p{color:red}</style><p>seen</p><script>x()</script>')).toBe('seen');
  });

  it('takes a text body as it is', () => {
    expect(messageText('a <b> c', 'text')).toBe('a <b> c');
  });
});
