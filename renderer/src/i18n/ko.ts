import type en from './en'

const ko: typeof en = {
  app: { title: 'Bridgeview', tagline: '눈에 보이는 Docker 네트워크' },
  nav: { diagram: '다이어그램', interfaces: '인터페이스', networks: '네트워크', containers: '컨테이너', settings: '설정', main: '주 메뉴' },
  engine: {
    connecting: 'Docker 엔진에 연결하는 중…',
    connected: 'Docker {version} · API {api}',
    kind: { 'native-linux': '리눅스 호스트', 'docker-desktop': 'Docker Desktop', podman: 'Podman', remote: '원격 엔진', unknown: '엔진' },
    streamLost: '실시간 갱신이 멈췄습니다. 엔진에 다시 연결하는 중…',
  },
  errors: {
    ENGINE_UNREACHABLE: { title: 'Docker 엔진에 연결할 수 없습니다', next: 'Docker를 실행하거나(Docker Desktop 또는 `sudo systemctl start docker`) DOCKER_HOST를 엔진 주소로 지정한 뒤 다시 시도를 누르세요.' },
    PERMISSION_DENIED: { title: 'Docker 소켓에 접근할 권한이 없습니다', next: '사용자를 docker 그룹에 추가하고(`sudo usermod -aG docker $USER`) 다시 로그인한 뒤 다시 시도를 누르세요.' },
    TIMEOUT: { title: 'Docker 엔진이 제때 응답하지 않았습니다', next: '엔진이 바쁘거나 멈춰 있을 수 있습니다. `docker info`로 확인한 뒤 다시 시도를 누르세요.' },
    other: { title: '문제가 발생했습니다', next: '다시 시도를 누르세요. 계속 반복되면 아래 메시지에서 엔진의 응답을 확인하세요.' },
    tried: 'Bridgeview가 시도한 곳',
    retry: '다시 시도',
    code: '코드',
  },
  common: { loading: '불러오는 중…', refresh: '새로 고침', yes: '예', no: '아니요', none: '—', copy: '복사', copied: '복사됨' },
  networks: {
    title: '네트워크',
    count: '네트워크 없음 | 네트워크 1개 | 네트워크 {n}개',
    columns: { name: '이름', driver: '드라이버', scope: '범위', subnet: '서브넷', gateway: '게이트웨이', bridge: '브리지 인터페이스', members: '컨테이너' },
    internal: '내부 전용',
    attachable: '연결 가능',
    command: '같은 명령',
  },
  settings: { title: '설정', language: '언어', theme: '테마', themes: { system: '시스템 설정 따르기', light: '밝게', dark: '어둡게' } },
  placeholder: { soon: '이 페이지는 만드는 중입니다.' },
}

export default ko
